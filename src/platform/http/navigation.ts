import type { Role } from '../db/schema.ts';

interface NavigationItem {
  href: string;
  text: string;
}

const NAVIGATION: Record<Role, NavigationItem[]> = {
  link_worker: [
    { href: '/caseload', text: 'My caseload' },
    { href: '/directory', text: 'Directory' },
  ],
  manager: [
    { href: '/dashboard', text: 'Dashboard' },
    { href: '/triage', text: 'Triage' },
    { href: '/allocation', text: 'Allocation' },
    { href: '/caseloads', text: 'Caseloads' },
    { href: '/young-people', text: 'Young people' },
    { href: '/directory', text: 'Directory' },
    { href: '/connections/outcomes', text: 'Connections' },
    { href: '/insights', text: 'Referrer insight' },
    { href: '/reports/outcomes', text: 'Outcomes' },
    { href: '/approvals', text: 'Approvals' },
  ],
  admin: [
    { href: '/users', text: 'Users' },
    { href: '/outbox', text: 'Outbox' },
    { href: '/young-people', text: 'Young people' },
    { href: '/settings', text: 'Scheme settings' },
  ],
  commissioner: [
    { href: '/reports', text: 'Reports' },
    { href: '/reports/outcomes', text: 'Outcomes' },
  ],
};

export const HOME_BY_ROLE: Record<Role, string> = {
  link_worker: '/caseload',
  manager: '/dashboard',
  admin: '/users',
  commissioner: '/reports',
};

export function navigationFor(role: Role, currentPath: string) {
  return NAVIGATION[role].map((item) => ({
    ...item,
    current: currentPath === item.href,
    active: currentPath.startsWith(item.href),
  }));
}
