import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, onSessionExpired, type Schemas, tokenStore, unwrap } from '../api/client';
import { keys } from '../api/query-keys';

export type User = Schemas['UserResponse'];
export type Role = User['role'];

interface AuthState {
  user: User | null;
  loading: boolean;
  /** True after an authenticated request answered 401 (shown as "session expired" on the sign-in page). */
  expired: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
}

const AuthContext = createContext<AuthState | null>(null);

function tokenOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && typeof (value as { accessToken?: unknown }).accessToken === 'string') {
    return (value as { accessToken: string }).accessToken;
  }
  throw new Error('The sign-in answer carried no token');
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const [expired, setExpired] = useState(false);

  const me = useQuery({
    queryKey: [...keys.me, token],
    enabled: token !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/me')),
    retry: false,
  });

  useEffect(
    () =>
      onSessionExpired(() => {
        setToken(null);
        setExpired(true);
        queryClient.clear();
      }),
    [queryClient],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const result = await api.POST('/api/v1/auth/login', { body: { email, password } });
    if (!result.response.ok) unwrap(result);
    const accessToken = tokenOf(result.data ?? (await result.response.clone().json().catch(() => null)));
    tokenStore.set(accessToken);
    setExpired(false);
    setToken(accessToken);
  }, []);

  const signOut = useCallback(() => {
    tokenStore.clear();
    setToken(null);
    setExpired(false);
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      user: token && me.data ? me.data : null,
      loading: token !== null && me.isPending,
      expired: expired || (me.error instanceof ApiError && me.error.status === 401),
      signIn,
      signOut,
    }),
    [token, me.data, me.isPending, me.error, expired, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
