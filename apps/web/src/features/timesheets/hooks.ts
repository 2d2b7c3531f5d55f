import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../api/client';
import { keys } from '../../api/query-keys';

export type Timesheet = Schemas['TimesheetResponse'];
export type TimesheetDetail = Schemas['TimesheetDetailResponse'];
export type TimesheetEntry = Schemas['TimesheetEntryResponse'];
export type LogHours = Omit<Schemas['LogHoursRequest'], 'version'>;
export type TimesheetStatus = Timesheet['status'];

/** Weeks visible to the caller (an engineer sees only their own), newest first as the API answers. */
export function useTimesheets(filter: { status?: TimesheetStatus; engineerId?: string } = {}) {
  return useQuery({
    queryKey: keys.timesheets(filter),
    queryFn: async () => unwrap(await api.GET('/api/v1/timesheets', { params: { query: { ...filter, limit: 200 } } })),
  });
}

export function useTimesheet(id: string | null) {
  return useQuery({
    queryKey: keys.timesheet(id ?? 'none'),
    enabled: id !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/timesheets/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

/** After any change the week's detail is replaced by the answer and every list is refetched. */
function useSettle() {
  const queryClient = useQueryClient();
  return (sheet: TimesheetDetail): void => {
    queryClient.setQueryData(keys.timesheet(sheet.id), sheet);
    void queryClient.invalidateQueries({ queryKey: keys.timesheetsAll });
  };
}

export function useOpenWeek() {
  const settle = useSettle();
  return useMutation({
    mutationFn: async (weekStart: string) => unwrap(await api.POST('/api/v1/timesheets', { body: { weekStart } })),
    onSuccess: settle,
  });
}

/** Logs hours on the week the caller read (its version goes with the request: a stale week answers 409). */
export function useLogHours(sheet: { id: string; version: number }) {
  const settle = useSettle();
  return useMutation({
    mutationFn: async (entry: LogHours) => unwrap(await api.POST('/api/v1/timesheets/{id}/entries', { params: { path: { id: sheet.id } }, body: { ...entry, version: sheet.version } })),
    onSuccess: settle,
  });
}

export function useReverseEntry(sheet: { id: string; version: number }) {
  const settle = useSettle();
  return useMutation({
    mutationFn: async (entryId: string) => unwrap(await api.POST('/api/v1/timesheets/{id}/reversals', { params: { path: { id: sheet.id } }, body: { entryId, version: sheet.version } })),
    onSuccess: settle,
  });
}

export type WeekDecision = { action: 'submit' } | { action: 'approve' } | { action: 'return'; reason: string };

/** Submit (engineer), approve or return with a reason (manager), each against the version read. */
export function useWeekDecision(sheet: { id: string; version: number }) {
  const settle = useSettle();
  return useMutation({
    mutationFn: async (decision: WeekDecision) => {
      const params = { path: { id: sheet.id } };
      const version = sheet.version;
      if (decision.action === 'submit') return unwrap(await api.POST('/api/v1/timesheets/{id}/submit', { params, body: { version } }));
      if (decision.action === 'approve') return unwrap(await api.POST('/api/v1/timesheets/{id}/approve', { params, body: { version } }));
      return unwrap(await api.POST('/api/v1/timesheets/{id}/return', { params, body: { reason: decision.reason, version } }));
    },
    onSuccess: settle,
  });
}
