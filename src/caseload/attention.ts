import type { Stage } from '../platform/db/schema.ts';
import type { SafeguardingUrgency } from '../platform/db/tables/casework.ts';
import { URGENCY_ORDER, URGENCIES } from '../safeguarding/index.ts';
import { nextAttempt, type CalendarDate, type ContactPolicy } from '../domain/working-days.ts';
import type { DueMeasure } from '../measures/index.ts';
import { GBO } from '../measures/index.ts';

/**
 * What needs attention on a caseload, worked out from plain facts so the rules can be read and
 * tested on their own. Kinds are listed in the order they matter: a safeguarding concern before
 * anything else, then first contact, then missed sessions, overdue actions, reviews and measures.
 */
export const ATTENTION_KINDS = ['safeguarding', 'first_contact', 'missed_sessions', 'actions_overdue', 'review_due', 'measure_due'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionItem {
  kind: AttentionKind;
  /** Orders items of the same kind: 0 is the most pressing. */
  severity: number;
  text: string;
  colour: 'red' | 'orange' | 'yellow' | 'blue';
}

/** Everything the rules need to know about one young person on the caseload. */
export interface CaseFacts {
  stage: Stage;
  openConcerns: number;
  /** The most urgent of the open concerns; null when none is open. */
  mostUrgentConcern: SafeguardingUrgency | null;
  /** While making contact: when the contact clock started, and the unsuccessful attempts so far. */
  contactStartedOn: CalendarDate | null;
  contactAttemptsMade: number;
  lastContactAttemptOn: CalendarDate | null;
  /** Sessions not attended since the last one attended. */
  missedInARow: number;
  overdueActions: number;
  /** The open episode of support; null when there is none. */
  episode: { openedOn: CalendarDate; sessionsAllowed: number; weeksAllowed: number; sessionsHeld: number } | null;
  lastGoalRatingOn: CalendarDate | null;
  /** The scheme's measures due now (src/measures/due.ts). */
  measuresDue: readonly DueMeasure[];
}

export interface SchemeRules {
  today: CalendarDate;
  contactPolicy: ContactPolicy;
  missedSessionsPrompt: number;
  reviewEveryWeeks: number;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: CalendarDate, to: CalendarDate) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const later = (a: CalendarDate, b: CalendarDate | null) => (b && b > a ? b : a);

function safeguarding(facts: CaseFacts): AttentionItem | undefined {
  if (facts.openConcerns === 0) return undefined;
  const urgency = facts.mostUrgentConcern ?? 'within_a_week';
  const what = facts.openConcerns === 1 ? 'Safeguarding concern' : `${facts.openConcerns} safeguarding concerns`;
  return { kind: 'safeguarding', severity: URGENCY_ORDER.indexOf(urgency), text: `${what} (${URGENCIES[urgency].text.toLowerCase()})`, colour: 'red' };
}

function firstContact(facts: CaseFacts, rules: SchemeRules): AttentionItem | undefined {
  if (facts.stage !== 'making_contact' || !facts.contactStartedOn) return undefined;
  const next = nextAttempt({
    policy: rules.contactPolicy,
    startedOn: facts.contactStartedOn,
    attemptsMade: facts.contactAttemptsMade,
    lastAttemptOn: facts.lastContactAttemptOn ?? undefined,
    today: rules.today,
  });
  // Every attempt made but the case still open: someone needs to log how it ended.
  if (!next) return { kind: 'first_contact', severity: 0, text: 'All contact attempts made', colour: 'red' };
  if (next.status === 'overdue') return { kind: 'first_contact', severity: 0, text: 'First contact overdue', colour: 'red' };
  if (next.status === 'due_today') return { kind: 'first_contact', severity: 1, text: 'First contact due today', colour: 'orange' };
  return undefined;
}

function missedSessions(facts: CaseFacts, rules: SchemeRules): AttentionItem | undefined {
  if (facts.missedInARow < rules.missedSessionsPrompt) return undefined;
  return { kind: 'missed_sessions', severity: 0, text: `Missed ${plural(facts.missedInARow, 'session', 'sessions')} in a row`, colour: 'orange' };
}

function actionsOverdue(facts: CaseFacts): AttentionItem | undefined {
  if (facts.overdueActions === 0) return undefined;
  return { kind: 'actions_overdue', severity: 0, text: `${plural(facts.overdueActions, 'action', 'actions')} overdue`, colour: 'orange' };
}

function reviewDue(facts: CaseFacts, rules: SchemeRules): AttentionItem | undefined {
  const episode = facts.episode;
  if (facts.stage !== 'in_support' || !episode) return undefined;
  const sessionsLeft = episode.sessionsAllowed - episode.sessionsHeld;
  const daysLeft = episode.weeksAllowed * 7 - daysBetween(episode.openedOn, rules.today);
  const review = (severity: number, why: string): AttentionItem => ({ kind: 'review_due', severity, text: `Review due: ${why}`, colour: 'yellow' });
  if (sessionsLeft <= 0) return review(0, `all ${plural(episode.sessionsAllowed, 'session', 'sessions')} used`);
  if (daysLeft <= 0) return review(0, `all ${plural(episode.weeksAllowed, 'week', 'weeks')} used`);
  if (sessionsLeft === 1) return review(1, '1 session left');
  if (daysLeft <= 7) return review(1, `support ends in ${plural(daysLeft, 'day', 'days')}`);
  const lastReviewedOn = later(episode.openedOn, facts.lastGoalRatingOn);
  // A review measure due already prompts the review, so the review item need not say so again.
  const measureReviewDue = facts.measuresDue.some((measure) => measure.moment === 'review');
  if (!measureReviewDue && daysBetween(lastReviewedOn, rules.today) >= rules.reviewEveryWeeks * 7) {
    return review(2, `${plural(rules.reviewEveryWeeks, 'week', 'weeks')} since ${facts.lastGoalRatingOn ? 'the last rating' : 'support began'}`);
  }
  return undefined;
}

/** One item for every measure due: "Baseline goal rating due", "2 review measures overdue". */
function measureDue(facts: CaseFacts): AttentionItem | undefined {
  const due = facts.measuresDue;
  if (facts.stage !== 'in_support' || due.length === 0) return undefined;
  const overdue = due.some((measure) => measure.overdue);
  const moment = due.every((measure) => measure.moment === due[0]!.moment) ? `${due[0]!.moment} ` : '';
  const noun = due.every((measure) => measure.key === GBO.key) ? 'goal rating' : 'measure';
  const what = due.length === 1 ? `${moment}${noun}` : `${due.length} ${moment}${noun}s`;
  const text = `${what.charAt(0).toUpperCase()}${what.slice(1)} ${overdue ? 'overdue' : 'due'}`;
  return { kind: 'measure_due', severity: overdue ? 0 : 1, text, colour: 'blue' };
}

/** What needs attention for one young person, most pressing first. */
export function attentionFor(facts: CaseFacts, rules: SchemeRules): AttentionItem[] {
  return [
    safeguarding(facts),
    firstContact(facts, rules),
    missedSessions(facts, rules),
    actionsOverdue(facts),
    reviewDue(facts, rules),
    measureDue(facts),
  ].filter((item): item is AttentionItem => item !== undefined);
}

const itemRank = (item: AttentionItem) => ATTENTION_KINDS.indexOf(item.kind) * 10 + item.severity;

/**
 * Orders a caseload by what matters now: compares the most pressing items first, then the next
 * ones, so someone with more to attend to comes before someone with less of the same; people
 * with nothing to attend to come last, whoever is seen soonest first, then by name.
 */
export function byWhatMattersNow(
  a: { attention: readonly AttentionItem[]; nextSessionAt: Date | null; sortName: string },
  b: { attention: readonly AttentionItem[]; nextSessionAt: Date | null; sortName: string },
): number {
  const ranksA = a.attention.map(itemRank).sort((x, y) => x - y);
  const ranksB = b.attention.map(itemRank).sort((x, y) => x - y);
  for (let index = 0; index < Math.max(ranksA.length, ranksB.length); index++) {
    const rankA = ranksA[index];
    const rankB = ranksB[index];
    if (rankA === undefined || rankB === undefined) return rankA === undefined ? 1 : -1;
    if (rankA !== rankB) return rankA - rankB;
  }
  const sessionA = a.nextSessionAt?.getTime() ?? Infinity;
  const sessionB = b.nextSessionAt?.getTime() ?? Infinity;
  if (sessionA !== sessionB) return sessionA < sessionB ? -1 : 1;
  return a.sortName.localeCompare(b.sortName);
}
