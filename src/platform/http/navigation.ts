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
    { href: '/approvals', text: 'Approvals' },
    // Reports (referrer insight, connections, outcomes) are listed on the dashboard: more items
    // here would fold into the header's "More" menu.
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

const isUnder = (path: string, href: string) => path === href || path.startsWith(`${href}/`);

export function navigationFor(role: Role, currentPath: string, texts: Record<string, string> = {}) {
  // Only the most specific item is active: /reports/outcomes is under Outcomes, not Reports too.
  const active = NAVIGATION[role]
    .filter((item) => isUnder(currentPath, item.href))
    .reduce<NavigationItem | undefined>((best, item) => (!best || item.href.length > best.href.length ? item : best), undefined);
  return NAVIGATION[role].map((item) => ({
    ...item,
    text: texts[item.href] ?? item.text,
    current: currentPath === item.href,
    active: item === active,
  }));
}
