import { AppConfig } from '@sow/config';
import { LoginRateLimitedError, LoginThrottle } from './login-throttle';

function throttle(env: Record<string, string> = {}): { t: LoginThrottle; advance: (ms: number) => void } {
  let now = 1_000_000;
  const t = new LoginThrottle(AppConfig.fromEnv({ LOGIN_MAX_FAILURES: '3', LOGIN_FAILURE_WINDOW_SECONDS: '60', ...env }));
  t.now = () => now;
  return { t, advance: (ms) => (now += ms) };
}

function retryAfter(t: LoginThrottle, email: string, ip: string): number | undefined {
  try {
    t.assertAllowed(email, ip);
    return undefined;
  } catch (error) {
    if (error instanceof LoginRateLimitedError) return error.retryAfterSeconds;
    throw error;
  }
}

describe('LoginThrottle', () => {
  it('locks an email on one address out after the allowed failures, until the first failure leaves the window', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 3; i++) {
      expect(retryAfter(t, 'a@x.test', '10.0.0.1')).toBeUndefined();
      t.recordFailure('A@x.test', '10.0.0.1');
      advance(10_000);
    }
    expect(retryAfter(t, 'a@x.test', '10.0.0.1')).toBe(30);
    expect(retryAfter(t, 'a@x.test', '10.0.0.2')).toBeUndefined();
    expect(retryAfter(t, 'b@x.test', '10.0.0.1')).toBeUndefined();
    advance(30_000);
    expect(retryAfter(t, 'a@x.test', '10.0.0.1')).toBeUndefined();
  });

  it('forgets an email’s failures after a successful sign-in', () => {
    const { t } = throttle();
    t.recordFailure('a@x.test', '10.0.0.1');
    t.recordFailure('a@x.test', '10.0.0.1');
    t.recordSuccess('a@x.test', '10.0.0.1');
    t.recordFailure('a@x.test', '10.0.0.1');
    t.recordFailure('a@x.test', '10.0.0.1');
    expect(retryAfter(t, 'a@x.test', '10.0.0.1')).toBeUndefined();
  });

  it('limits one address spraying many emails (ten times the per-email allowance)', () => {
    const { t } = throttle();
    for (let i = 0; i < 30; i++) t.recordFailure(`user${i}@x.test`, '10.0.0.9');
    expect(retryAfter(t, 'fresh@x.test', '10.0.0.9')).toBeGreaterThan(0);
    expect(retryAfter(t, 'fresh@x.test', '10.0.0.8')).toBeUndefined();
  });

  it('does nothing when LOGIN_MAX_FAILURES is 0', () => {
    const { t } = throttle({ LOGIN_MAX_FAILURES: '0' });
    for (let i = 0; i < 100; i++) t.recordFailure('a@x.test', '10.0.0.1');
    expect(retryAfter(t, 'a@x.test', '10.0.0.1')).toBeUndefined();
  });

  it('answers with the rate_limited code', () => {
    const { t } = throttle({ LOGIN_MAX_FAILURES: '1' });
    t.recordFailure('a@x.test', '10.0.0.1');
    expect(() => t.assertAllowed('a@x.test', '10.0.0.1')).toThrow(expect.objectContaining({ code: 'rate_limited' }));
  });
});
