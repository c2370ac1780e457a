import type { SafeguardingUrgency } from '../platform/db/tables/casework.ts';
import { CONCERN_CATEGORIES, REFERRED_TO, URGENCIES, URGENCY_ORDER } from './codes.ts';

const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

export function urgencyTag(urgency: SafeguardingUrgency) {
  return { text: URGENCIES[urgency].text, colour: URGENCIES[urgency].colour };
}

export const categoryLabel = (code: string) => label(CONCERN_CATEGORIES, code);

/** Most urgent first and, within the same urgency, the one waiting longest. */
export function mostUrgentFirst<Row extends { urgency: SafeguardingUrgency; raised_at: Date }>(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency) || a.raised_at.getTime() - b.raised_at.getTime());
}

export function presentConcern<Row extends { category: string; urgency: SafeguardingUrgency; referred_to: string[]; raised_by_name: string | null }>(row: Row) {
  return {
    ...row,
    categoryText: categoryLabel(row.category),
    urgencyTag: urgencyTag(row.urgency),
    referredToText: row.referred_to.map((code) => label(REFERRED_TO, code)).join(', '),
    raisedBy: row.raised_by_name ?? 'Not recorded',
  };
}

const choices = (labels: Record<string, string>, hints?: Record<string, { hint: string }>) =>
  Object.entries(labels).map(([value, text]) => ({ value, text, ...(hints?.[value] ? { hint: { text: hints[value].hint } } : {}) }));

/** The form's lists, in the shape the radios and checkboxes macros take. */
export const FORM_CHOICES = {
  categories: choices(CONCERN_CATEGORIES),
  referredTo: choices(REFERRED_TO),
  urgencies: choices(Object.fromEntries(URGENCY_ORDER.map((code) => [code, URGENCIES[code].text])), URGENCIES),
};
