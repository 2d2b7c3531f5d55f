import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { AdminPage } from '../features/admin/AdminPage';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { SignInPage } from '../features/auth/SignInPage';
import { EngineersPage } from '../features/engineers/EngineersPage';
import { MyWorkPage } from '../features/my-work/MyWorkPage';
import { PlanReviewPage } from '../features/plans/PlanReviewPage';
import { PlansPage } from '../features/plans/PlansPage';
import { CustomersPage } from '../features/sows/CustomersPage';
import { SowListPage } from '../features/sows/SowListPage';
import { SowPage } from '../features/sows/SowPage';
import { DeliveryPage } from '../features/delivery/DeliveryPage';
import { HiringPlanPage } from '../features/scenarios/HiringPlanPage';
import { ScenariosPage } from '../features/scenarios/ScenariosPage';
import { TimesheetsPage } from '../features/timesheets/TimesheetsPage';
import { ReportsPage } from '../features/utilization/ReportsPage';
import { UtilizationPage } from '../features/utilization/UtilizationPage';
import { WebhooksPage } from '../features/webhooks/WebhooksPage';
import { AuthProvider, useAuth } from './auth';
import { homePath, Layout } from './Layout';
import { matchPath, navigate, useLocation } from './router';

const ROUTES: ReadonlyArray<[string, (params: Record<string, string>) => ReactNode]> = [
  ['/sows', () => <SowListPage />],
  ['/sows/:id', ({ id }) => <SowPage key={id} id={id} />],
  ['/customers', () => <CustomersPage />],
  ['/approvals', () => <ApprovalsPage />],
  ['/plans', () => <PlansPage />],
  ['/plans/:id', ({ id }) => <PlanReviewPage key={id} id={id} />],
  ['/utilization', () => <UtilizationPage />],
  ['/reports', () => <ReportsPage />],
  ['/engineers', () => <EngineersPage />],
  ['/my-work', () => <MyWorkPage />],
  ['/delivery', () => <DeliveryPage />],
  ['/timesheets', () => <TimesheetsPage />],
  ['/admin', () => <AdminPage />],
  ['/scenarios', () => <ScenariosPage />],
  ['/hiring', () => <HiringPlanPage />],
  ['/webhooks', () => <WebhooksPage />],
];

function Routes() {
  const { user, loading } = useAuth();
  const { pathname } = useLocation();
  useEffect(() => {
    if (user && pathname === '/') navigate(homePath(user.role), { replace: true });
  }, [user, pathname]);
  useEffect(() => {
    const route = ROUTES.find(([pattern]) => matchPath(pattern, pathname));
    document.title = route ? `SOW Planner · ${route[0].split('/')[1]}` : 'SOW Planner';
  }, [pathname]);
  if (loading) return <p role="status">Loading…</p>;
  if (!user) return <SignInPage />;
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, pathname);
    if (params) return <Layout>{render(params)}</Layout>;
  }
  return (
    <Layout>
      <h1>Page not found</h1>
      <p>There is no page at {pathname}.</p>
    </Layout>
  );
}

export function App() {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: (count, error) => count < 1 && !(error instanceof Error && 'status' in error) } } }));
  return (
    <QueryClientProvider client={client}>
      <AuthProvider>
        <Routes />
      </AuthProvider>
    </QueryClientProvider>
  );
}
