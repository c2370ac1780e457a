import type { Role } from '../platform/db/schema.ts';

/** The pages of a young person's record, in the order a link worker meets them in the journey. */
const RECORD_PAGES: { path: string; text: string; roles?: readonly Role[] }[] = [
  { path: '', text: 'Overview' },
  { path: '/consent', text: 'Consent and sharing' },
  { path: '/what-matters', text: 'What matters to me' },
  { path: '/plan', text: 'Plan and goals' },
  { path: '/sessions', text: 'Sessions' },
  { path: '/safeguarding', text: 'Safeguarding' },
  { path: '/own-page', text: 'Their own page' },
  { path: '/suggestions', text: 'Suggestions' },
  { path: '/connections', text: 'Connections' },
  { path: '/measures', text: 'Measures' },
  { path: '/discharge', text: 'Discharge' },
  { path: '/data-rights', text: 'Data rights', roles: ['admin', 'manager'] },
];

/** Items for the record's contents list, with the page being shown marked as current. */
export function recordContents(youngPersonId: string, currentPath: string, role: Role) {
  return RECORD_PAGES.filter((page) => !page.roles || page.roles.includes(role)).map((page) => ({
    href: `/young-people/${youngPersonId}${page.path}`,
    text: page.text,
    current: page.path === currentPath,
  }));
}
