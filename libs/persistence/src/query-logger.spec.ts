import { Logger } from '@nestjs/common';
import { QueryLogger } from './query-logger';

describe('QueryLogger', () => {
  it('logs a failed query with its statement and error but never its parameters', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      new QueryLogger(false).logQueryError(
        new Error('duplicate key value violates unique constraint "uq_users_email"'),
        'INSERT INTO "users"("email", "password_hash") VALUES ($1, $2)',
        ['ada@example.com', '$argon2id$v=19$m=65536,t=3,p=4$secret-hash'],
      );
      const line = String(error.mock.calls[0]?.[0]);
      expect(line).toContain('duplicate key value');
      expect(line).toContain('INSERT INTO "users"');
      expect(line).toContain('2 parameters, not logged');
      expect(line).not.toContain('argon2id');
      expect(line).not.toContain('ada@example.com');
    } finally {
      error.mockRestore();
    }
  });
});
