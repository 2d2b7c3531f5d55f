import { Webhook } from 'standardwebhooks';
import { isForbiddenAddress, resolveWebhookHost, WebhookAllowList } from './address-guard';
import { MAX_ATTEMPTS, nextRetryDelayMs, parseRetryAfter, RETRY_SCHEDULE_MS } from './retry-schedule';
import { newMessageId, newWebhookSecret, webhookHeaders } from './webhook-signature';

describe('webhook signatures (checked with the standardwebhooks package)', () => {
  const body = JSON.stringify({ type: 'sow.approved', version: 1, timestamp: '2026-12-07T10:00:00.000Z', data: { sowId: 'x' } });
  const now = Math.floor(Date.now() / 1000);

  it('verifies with the secret that signed it, and not with another', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{44}$/);
    const id = newMessageId();
    const headers = webhookHeaders([secret], id, now, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('during a rotation carries one signature per secret, each verifying alone', () => {
    const [next, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([next, previous], newMessageId(), now, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(next).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
  });
});

describe('retry schedule', () => {
  it('follows immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h within ±20%, then gives up', () => {
    expect(MAX_ATTEMPTS).toBe(10);
    for (let attempts = 0; attempts < MAX_ATTEMPTS; attempts++) {
      const low = nextRetryDelayMs(attempts, { scale: 1, random: 0 });
      const high = nextRetryDelayMs(attempts, { scale: 1, random: 0.999999 });
      expect(low).toBe(Math.round(RETRY_SCHEDULE_MS[attempts] * 0.8));
      expect(high).toBeLessThanOrEqual(Math.round(RETRY_SCHEDULE_MS[attempts] * 1.2));
      expect(high).toBeGreaterThanOrEqual(Math.floor(RETRY_SCHEDULE_MS[attempts] * 1.199));
    }
    expect(RETRY_SCHEDULE_MS[2]).toBe(5 * 60_000);
    expect(nextRetryDelayMs(MAX_ATTEMPTS, { scale: 1, random: 0.5 })).toBeNull();
  });

  it('honours a longer Retry-After, never a shorter one, and scales for tests', () => {
    expect(nextRetryDelayMs(1, { scale: 1, retryAfterMs: 60_000, random: 0.5 })).toBe(60_000);
    expect(nextRetryDelayMs(2, { scale: 1, retryAfterMs: 1_000, random: 0.5 })).toBe(300_000);
    expect(nextRetryDelayMs(1, { scale: 0.001, random: 0.5 })).toBe(5);
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter(new Date(30_000).toUTCString(), 0)).toBe(30_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
});

describe('SSRF address guard', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', 'fd00:ec2::254'])('refuses %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111'])('accepts the public address %s', (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });

  it('refuses a private host unless the allow-list names its address, range or name', async () => {
    await expect(resolveWebhookHost('127.0.0.1', new WebhookAllowList([]))).rejects.toMatchObject({ code: 'rule_violation', details: [{ field: 'url', rule: 'publicAddress' }] });
    await expect(resolveWebhookHost('169.254.169.254', new WebhookAllowList(['127.0.0.1']))).rejects.toMatchObject({ code: 'rule_violation' });
    await expect(resolveWebhookHost('127.0.0.1', new WebhookAllowList(['127.0.0.1']))).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(resolveWebhookHost('10.9.8.7', new WebhookAllowList(['10.0.0.0/8']))).resolves.toHaveLength(1);
    await expect(resolveWebhookHost('localhost', new WebhookAllowList([]))).rejects.toMatchObject({ code: 'rule_violation' });
    await expect(resolveWebhookHost('localhost', new WebhookAllowList(['localhost']))).resolves.not.toHaveLength(0);
  });
});
