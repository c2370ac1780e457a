import { formatUkDate } from '../platform/views/render.ts';
import { NEEDS } from '../domain/codes.ts';
import { CATEGORIES, categoryLabel } from './codes.ts';
import { checkedInWords, isStale } from './freshness.ts';
import type { SearchFilter } from './schemas.ts';

export const REFERRAL_METHODS: Record<string, string> = {
  signpost: 'Signpost only: the young person gets in touch themselves',
  email: 'Email a referral',
  online_form: 'Online form',
  attached_form: 'Attached referral form',
};

export function costInWords(cost: string, pence: number | null, note?: string | null): string {
  if (cost === 'free') return 'Free';
  const amount = pence === null ? 'Costs money' : `£${(pence / 100).toFixed(2).replace(/\.00$/, '')}`;
  return note ? `${amount} ${note}` : amount;
}

export const choices = (labels: Record<string, string>, selected: readonly string[] = []) =>
  Object.entries(labels).map(([value, text]) => ({ value, text, checked: selected.includes(value), selected: selected.includes(value) }));

interface ListedService {
  id: string;
  name: string;
  organization_name: string;
  status: string;
  categories: string[];
  cost: string;
  cost_pence: number | null;
  minimum_age: number | null;
  maximum_age: number | null;
  waiting_weeks: number | null;
  taking_referrals: boolean;
  last_checked_at: Date | null;
}

export function ageRangeInWords(minimum: number | null, maximum: number | null): string {
  if (minimum === null && maximum === null) return 'Any age';
  if (minimum === null) return `Up to ${maximum}`;
  if (maximum === null) return `${minimum} and over`;
  return `${minimum} to ${maximum}`;
}

/** Tags that warn before anyone relies on an entry: stale, not taking people, not running. */
export function warningTags(service: Pick<ListedService, 'status' | 'taking_referrals' | 'last_checked_at'>, staleDays: number, now: Date) {
  const tags: { text: string; classes: string }[] = [];
  if (isStale(service.last_checked_at, staleDays, now)) tags.push({ text: 'Stale', classes: 'nhsuk-tag--orange' });
  if (service.status !== 'active') tags.push({ text: service.status === 'temporarily closed' ? 'Temporarily closed' : 'Not running', classes: 'nhsuk-tag--grey' });
  else if (!service.taking_referrals) tags.push({ text: 'Not taking people now', classes: 'nhsuk-tag--grey' });
  return tags;
}

export function presentListedService(service: ListedService, staleDays: number, now: Date) {
  return {
    href: `/directory/services/${service.id}`,
    name: service.name,
    organization: service.organization_name,
    categories: service.categories.map(categoryLabel).join(', '),
    cost: costInWords(service.cost, service.cost_pence),
    ages: ageRangeInWords(service.minimum_age, service.maximum_age),
    checked: checkedInWords(service.last_checked_at, now),
    tags: warningTags(service, staleDays, now),
  };
}

/** "Last checked 12 March 2026 by Sam", "… by the provider", or "Never checked". */
export function lastCheckedInWords(lastCheckedAt: Date | null, checkedByName: string | null, byProvider: boolean): string {
  if (!lastCheckedAt) return 'Never checked';
  const who = byProvider ? 'the provider' : checkedByName;
  return `Last checked ${formatUkDate(lastCheckedAt)}${who ? ` by ${who}` : ''}`;
}

/** The search form's options with the current filter ticked or chosen. */
export function filterOptions(filter: SearchFilter) {
  return {
    categories: [{ value: '', text: 'Any category' }, ...choices(CATEGORIES, filter.category ? [filter.category] : [])],
    needs: [{ value: '', text: 'Any need' }, ...choices(NEEDS, filter.need ? [filter.need] : [])],
    toggles: [
      { value: 'yes', name: 'free', text: 'Free only', checked: filter.free === 'yes' },
      { value: 'yes', name: 'open', text: 'Taking people now', checked: filter.open === 'yes' },
      { value: 'yes', name: 'stale', text: 'Stale entries only', checked: filter.stale === 'yes' },
    ],
  };
}

/** The address of another page of the same search. */
export function searchLink(filter: SearchFilter, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'category', 'need', 'age', 'free', 'open', 'stale'] as const) {
    const value = filter[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  params.set('page', String(page));
  return `/directory?${params}`;
}
