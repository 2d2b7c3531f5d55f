import { redactUrl } from './logging';

describe('redactUrl', () => {
  it.each([
    ['/api/v1/calendar/abcDEF123_-.ics', '/api/v1/calendar/[redacted]'],
    ['/api/v1/me?token=eyJhbGc.x.y', '/api/v1/me?token=[redacted]'],
    ['/x?limit=5&access_token=s3cret&offset=0', '/x?limit=5&access_token=[redacted]&offset=0'],
    ['/x?PASSWORD=hunter2#frag', '/x?PASSWORD=[redacted]#frag'],
    ['/api/v1/engineers?q=token&skill=aws', '/api/v1/engineers?q=token&skill=aws'],
  ])('logs %s as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
