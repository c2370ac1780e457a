import type { DischargeReason } from '../platform/db/tables/casework.ts';
import { formatUkDate } from '../platform/views/render.ts';

export const REASON_LABELS: Record<DischargeReason, string> = {
  goals_met: 'Goals met',
  moved_on_to_community_support: 'Moved on to community support',
  disengaged: 'Disengaged',
  moved_away: 'Moved away',
  escalated_to_statutory_service: 'Escalated to a statutory service',
  unable_to_contact: 'Unable to contact',
  declined_support: 'Declined support',
  other: 'Other',
};

/**
 * The reason as the referrer reads it: plain words and nothing more. "Other" says only that support
 * ended, because what the link worker typed is a note for the team.
 */
export const REASON_FOR_REFERRER: Record<DischargeReason, string | undefined> = {
  goals_met: 'they reached the goals they set with their link worker',
  moved_on_to_community_support: 'they have moved on to activities and support in their community',
  disengaged: 'they stopped taking part',
  moved_away: 'they have moved away from the area',
  escalated_to_statutory_service: 'they now need support from another service, and have been passed on to it',
  unable_to_contact: undefined,
  declined_support: undefined,
  other: undefined,
};

/** What happens about the referrer, decided by consent first and then by what the referrer asked for. */
export type ReferrerOutcome = 'told' | 'no_consent' | 'no_updates' | 'no_referral';

export const REFERRER_OUTCOME_TEXT: Record<ReferrerOutcome, { before: string; after: string }> = {
  told: {
    before: 'The referrer will be told that support has ended and why, in plain words. No notes are shared.',
    after: 'The referrer has been told that support has ended.',
  },
  no_consent: {
    before: 'No message will be sent: they did not agree to share information with the referrer.',
    after: 'No message sent: they did not agree to share information with the referrer.',
  },
  no_updates: {
    before: 'No message will be sent: the referrer did not ask for updates or left no email address.',
    after: 'No message sent: the referrer did not ask for updates or left no email address.',
  },
  no_referral: {
    before: 'No message will be sent: there is no referral linked to this episode of support.',
    after: 'No message sent: there is no referral linked to this episode of support.',
  },
};

export const REFERRER_OUTCOME_KEYS: Record<ReferrerOutcome, string> = { told: 'told', no_consent: 'no-consent', no_updates: 'no-updates', no_referral: 'no-referral' };

export function referrerOutcomeFromKey(key: string | undefined): ReferrerOutcome | undefined {
  return (Object.keys(REFERRER_OUTCOME_KEYS) as ReferrerOutcome[]).find((outcome) => REFERRER_OUTCOME_KEYS[outcome] === key);
}

/** Goals not rated for this many days are prompted for a final rating before discharge. */
export const FINAL_RATING_WITHIN_DAYS = 14;

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** True when the goal has no rating in the last 14 days, so its final measure is still to be taken. */
export function finalRatingDue(lastRatedOn: string | null, today: string): boolean {
  return lastRatedOn === null || dayNumber(today) - dayNumber(lastRatedOn) > FINAL_RATING_WITHIN_DAYS;
}

interface EpisodeRow {
  id: string;
  opened_on: string;
  closed_on: string | null;
  discharge_reason: DischargeReason | null;
  discharge_reason_other: string | null;
  closing_summary: string | null;
  final_measures_note: string | null;
}

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });

export function reasonText(reason: DischargeReason | null, other: string | null): string {
  if (!reason) return 'Not recorded';
  return reason === 'other' && other ? `Other: ${other}` : REASON_LABELS[reason];
}

/** One episode of support as the history shows it: when, why it ended, and what was said at the end. */
export function presentEpisode(episode: EpisodeRow) {
  const heading = episode.closed_on
    ? `${formatUkDate(episode.opened_on)} to ${formatUkDate(episode.closed_on)}`
    : `Since ${formatUkDate(episode.opened_on)} (open)`;
  const rows = [row('Started', formatUkDate(episode.opened_on))];
  if (episode.closed_on) {
    rows.push(row('Ended', formatUkDate(episode.closed_on)), row('Reason', reasonText(episode.discharge_reason, episode.discharge_reason_other)));
    if (episode.closing_summary) rows.push(row('Closing summary', episode.closing_summary));
    if (episode.final_measures_note) rows.push(row('Why final measures were not collected', episode.final_measures_note));
  }
  return { id: episode.id, heading, rows };
}
