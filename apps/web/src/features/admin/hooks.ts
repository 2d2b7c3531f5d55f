import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export type User = Schemas['UserResponse'];
export type UserChange = Omit<Schemas['UpdateUserRequest'], 'version'>;

/** Changes a user's role or deactivates/reactivates them, against the version read (a stale one answers 409). */
export function useUpdateUser(user: { id: string; version: number }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (change: UserChange) => unwrap(await api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { ...change, version: user.version } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}
