import type { ReactNode } from 'react';
import { type Role, useAuth } from './auth';
import { Link, useLocation } from './router';

interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

const MANAGERS: readonly Role[] = ['engagement_manager', 'senior_manager', 'admin'];
const NAV: readonly NavItem[] = [
  { to: '/sows', label: 'SOWs', roles: MANAGERS },
  { to: '/customers', label: 'Customers', roles: MANAGERS },
  { to: '/approvals', label: 'Approvals', roles: ['senior_manager'] },
  { to: '/plans', label: 'Staffing plans', roles: MANAGERS },
  { to: '/utilization', label: 'Utilization', roles: MANAGERS },
  { to: '/reports', label: 'Reports', roles: MANAGERS },
  { to: '/engineers', label: 'Engineers', roles: MANAGERS },
  { to: '/my-work', label: 'My work', roles: ['engineer', 'engagement_manager', 'senior_manager', 'admin'] },
  { to: '/delivery', label: 'Delivery', roles: ['senior_manager', 'admin'] },
  { to: '/timesheets', label: 'Timesheets', roles: ['engineer', 'engagement_manager', 'senior_manager'] },
  { to: '/scenarios', label: 'Scenarios', roles: ['senior_manager', 'admin'] },
  { to: '/hiring', label: 'Hiring plan', roles: ['senior_manager', 'admin'] },
  { to: '/admin', label: 'Admin', roles: ['admin'] },
  { to: '/webhooks', label: 'Webhooks', roles: ['admin'] },
];

export function homePath(role: Role): string {
  if (role === 'engineer') return '/my-work';
  if (role === 'senior_manager') return '/approvals';
  if (role === 'admin') return '/admin';
  return '/sows';
}

export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useAuth();
  const { pathname } = useLocation();
  if (!user) return <>{children}</>;
  const items = NAV.filter((item) => item.roles.includes(user.role));
  return (
    <div className="shell">
      <header className="topbar">
        <Link to={homePath(user.role)} className="brand">
          SOW Planner
        </Link>
        <nav aria-label="Main">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={pathname === item.to || pathname.startsWith(`${item.to}/`) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {user.email} ({user.role.replace('_', ' ')})
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">{children}</main>
    </div>
  );
}
