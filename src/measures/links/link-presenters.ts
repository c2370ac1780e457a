import type { CatalogueEntry } from '../scoring/catalogue.ts';
import { MOMENT_LABELS } from '../outcomes/change-summary.ts';
import type { SentMeasureLink } from './link-store.ts';
import { formatUkDate } from '../../platform/views/render.ts';
import type { MeasureMoment } from '../../platform/db/tables/measures.ts';

/** What the send page shows: the choices, and each link sent so far with where it stands. */

export const LINK_MOMENTS: MeasureMoment[] = ['baseline', 'review', 'discharge', 'other'];

export function momentItems(checked: unknown) {
  return LINK_MOMENTS.map((moment) => ({ value: moment, text: MOMENT_LABELS[moment], checked: moment === checked }));
}

export function measureItems(measures: CatalogueEntry[], checked: unknown) {
  return measures.map(({ definition }) => ({
    value: definition.key,
    text: definition.name,
    hint: { text: `${definition.items.length} questions` },
    checked: definition.key === checked || measures.length === 1,
  }));
}

export function sendItems(person: { email: string | null; phone: string | null }, checked: unknown) {
  const choice = typeof checked === 'string' ? checked : 'show';
  return [
    { value: 'show', text: 'Show me the link to copy', checked: choice === 'show' },
    ...(person.email ? [{ value: 'email', text: `Email it to ${person.email}`, checked: choice === 'email' }] : []),
    ...(person.phone ? [{ value: 'text', text: `Text it to ${person.phone}`, hint: { text: 'Texts wait in the outbox for an administrator to send.' }, checked: choice === 'text' }] : []),
  ];
}

/** Where a link stands, in words: answered, stopped, expired, or still waiting (with how far they got). */
export function linkStatus(link: SentMeasureLink, questionCount: number | undefined, now = new Date()): string {
  if (link.used_at) return `Answered on ${formatUkDate(link.used_at)}`;
  if (link.revoked_at) return `Stopped on ${formatUkDate(link.revoked_at)}`;
  if (link.expires_at <= now) return `Expired on ${formatUkDate(link.expires_at)} without answers`;
  const answered = Object.keys(link.progress).length;
  const progress = answered > 0 && questionCount ? `, ${answered} of ${questionCount} answered so far` : '';
  return `Waiting for answers until ${formatUkDate(link.expires_at)}${progress}`;
}

export function isWorking(link: SentMeasureLink, now = new Date()): boolean {
  return !link.used_at && !link.revoked_at && link.expires_at > now;
}

export function sentLinkRows(links: SentMeasureLink[], measures: Map<string, { name: string; questionCount: number }>) {
  return links.map((link) => {
    const measure = measures.get(link.measure_key);
    return {
      id: link.id,
      measure: measure?.name ?? link.measure_key,
      moment: MOMENT_LABELS[link.moment],
      sentOn: formatUkDate(link.created_at),
      status: linkStatus(link, measure?.questionCount),
      working: isWorking(link),
    };
  });
}
