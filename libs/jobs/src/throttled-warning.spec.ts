import { Logger } from '@nestjs/common';
import { throttledWarning } from './throttled-warning';

describe('throttledWarning', () => {
  it('logs the first error, then at most one per interval', () => {
    const logger = new Logger('test');
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const now = jest.spyOn(Date, 'now');
    const report = throttledWarning(logger, 'queue staffing', 1000);
    now.mockReturnValue(10_000);
    report(new Error('connect ECONNREFUSED'));
    now.mockReturnValue(10_500);
    report(new Error('connect ECONNREFUSED'));
    now.mockReturnValue(11_001);
    report(new Error('still down'));
    expect(warn.mock.calls).toEqual([['queue staffing: connect ECONNREFUSED'], ['queue staffing: still down']]);
    now.mockRestore();
  });
});
