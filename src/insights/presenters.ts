import type { DeclineCategory, ReferralRoute } from '../platform/db/tables/referrals.ts';
import { DECLINE_CATEGORIES } from '../domain/codes.ts';
import type { DeclineReasonCount, InsightGroup } from './queries.ts';

/** Who referred, for routes without a referring organisation. */
const ROUTE_NAMES: Record<ReferralRoute, string> = {
  professional: 'Professionals',
  parent_carer: 'Parents and carers',
  self: 'Young people referring themselves',
};

const ROUTE_ORDER: ReferralRoute[] = ['professional', 'parent_carer', 'self'];

/** Referrals declined before the category was asked for. */
const NOT_RECORDED = 'Not recorded';

const categoryLabel = (category: DeclineCategory | null) => (category ? DECLINE_CATEGORIES[category] : NOT_RECORDED);

function percentage(part: number, whole: number): string {
  return whole === 0 ? 'No decisions yet' : `${Math.round((part / whole) * 100)}%`;
}

function medianText(days: number | null): string {
  if (days === null) return 'No first contacts yet';
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} working ${rounded === 1 ? 'day' : 'days'}`;
}

const groupKey = (row: { route: string; route_total: boolean; organisation_key: string | null }) =>
  JSON.stringify([row.route, row.route_total, row.organisation_key]);

function presentRow(label: string, group: InsightGroup, reasons: DeclineReasonCount[]) {
  return {
    label,
    referrals: group.referrals,
    accepted: group.accepted,
    declined: group.declined,
    // Of the referrals decided either way: those still waiting for triage would only dilute it.
    acceptanceRate: percentage(group.accepted, group.accepted + group.declined),
    declineReasons: reasons.length
      ? reasons
          .map((reason) => ({ label: categoryLabel(reason.reason), referrals: reason.referrals }))
          .sort((a, b) => b.referrals - a.referrals || a.label.localeCompare(b.label))
          .map((reason) => `${reason.label}: ${reason.referrals}`)
          .join('; ')
      : 'None',
    medianToFirstContact: medianText(group.median_working_days_to_first_contact),
  };
}

export function presentInsight({ groups, reasons }: { groups: InsightGroup[]; reasons: DeclineReasonCount[] }) {
  const reasonsByGroup = new Map<string, DeclineReasonCount[]>();
  for (const reason of reasons) reasonsByGroup.set(groupKey(reason), [...(reasonsByGroup.get(groupKey(reason)) ?? []), reason]);
  const rowFor = (label: string, group: InsightGroup) => presentRow(label, group, reasonsByGroup.get(groupKey(group)) ?? []);

  const byOrganisation = groups
    .filter((group) => !group.route_total)
    .map((group) => rowFor(group.route === 'professional' ? (group.organisation ?? 'Organisation not given') : ROUTE_NAMES[group.route], group))
    .sort((a, b) => b.referrals - a.referrals || a.label.localeCompare(b.label));
  const byRoute = ROUTE_ORDER.flatMap((route) => {
    const group = groups.find((candidate) => candidate.route_total && candidate.route === route);
    return group ? [rowFor(ROUTE_NAMES[route], group)] : [];
  });
  return { byOrganisation, byRoute, byCategory: declinesByCategory(reasons), total: byRoute.reduce((sum, row) => sum + row.referrals, 0) };
}

/** Every category, most common first, from the route totals; "Not recorded" only when there are some. */
function declinesByCategory(reasons: DeclineReasonCount[]) {
  const counts = new Map<DeclineCategory | null, number>((Object.keys(DECLINE_CATEGORIES) as DeclineCategory[]).map((category) => [category, 0]));
  for (const reason of reasons.filter((row) => row.route_total)) counts.set(reason.reason, (counts.get(reason.reason) ?? 0) + reason.referrals);
  return [...counts]
    .filter(([category, referrals]) => category !== null || referrals > 0)
    .map(([category, referrals]) => ({ label: categoryLabel(category), referrals }))
    .sort((a, b) => b.referrals - a.referrals);
}
