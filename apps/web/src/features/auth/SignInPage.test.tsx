import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider, useAuth } from '../../app/auth';
import { SignInPage } from './SignInPage';

// The one typed client takes fetch when it is created, so the stub is in place before the imports run.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const USER = { id: 'u1', email: 'emma@x.test', role: 'engagement_manager', engineerId: null, active: true, version: 1, createdAt: '' };

function Probe() {
  const { user, expired } = useAuth();
  return user ? <p>Signed in as {user.email}</p> : <>{expired ? <p>expired</p> : null}<SignInPage /></>;
}

function renderSignIn() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AuthProvider>
        <Probe />
      </AuthProvider>
    </QueryClientProvider>,
  );
}

describe('SignInPage', () => {
  beforeEach(() => {
    sessionStorage.clear();
    fetchMock.mockReset();
  });

  it('signs in with the labelled email and password, keeps the token in sessionStorage and loads the user', async () => {
    const user = userEvent.setup();
    fetchMock.mockImplementation(async (request) => {
      if (request.url.endsWith('/api/v1/auth/login')) return json(200, { accessToken: 'tok-1', tokenType: 'Bearer', expiresIn: 3600 });
      if (request.url.endsWith('/api/v1/me')) return request.headers.get('Authorization') === 'Bearer tok-1' ? json(200, USER) : json(401, { statusCode: 401, code: 'unauthenticated', message: 'no' });
      return json(404, { statusCode: 404, code: 'not_found', message: 'no route' });
    });
    renderSignIn();
    await user.type(screen.getByLabelText('Email'), 'emma@x.test');
    await user.type(screen.getByLabelText('Password'), 'secret-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Signed in as emma@x.test')).toBeTruthy();
    expect(sessionStorage.getItem('sow.accessToken')).toBe('tok-1');
    const login = fetchMock.mock.calls.map(([r]) => r).find((r) => r.url.endsWith('/auth/login'));
    expect(await login?.clone().json()).toEqual({ email: 'emma@x.test', password: 'secret-password' });
  });

  it('says the email or password is wrong on a 401, and stores nothing', async () => {
    const user = userEvent.setup();
    fetchMock.mockResolvedValue(json(401, { statusCode: 401, code: 'unauthenticated', message: 'Email or password is wrong' }));
    renderSignIn();
    await user.type(screen.getByLabelText('Email'), 'emma@x.test');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password');
    expect(sessionStorage.getItem('sow.accessToken')).toBeNull();
  });

  it('shows the session-expired notice when a stored token is refused', async () => {
    sessionStorage.setItem('sow.accessToken', 'old-token');
    fetchMock.mockResolvedValue(json(401, { statusCode: 401, code: 'unauthenticated', message: 'jwt expired' }));
    renderSignIn();
    expect((await screen.findByRole('alert')).textContent).toBe('Your session has expired. Sign in again to continue.');
    expect(sessionStorage.getItem('sow.accessToken')).toBeNull();
    expect(screen.getByLabelText('Email')).toBeTruthy();
  });
});
