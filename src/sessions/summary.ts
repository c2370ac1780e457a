import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { EpisodesTable } from '../platform/db/tables/casework.ts';
import type { Selectable } from 'kysely';
import { currentEpisode } from '../domain/episodes.ts';
import { ukCalendarDate } from '../domain/working-days.ts';
import { formatUkDate } from '../platform/views/render.ts';
import { missedInARow, sessionUsage, type SessionUsage, type UsageLevel } from './policy.ts';
import { caseworkSettings, extensionRequestsOf, sessionsOfEpisode, type CaseworkSettings, type SessionRow } from './queries.ts';
import { whereText } from './presenters.ts';

type Episode = Selectable<EpisodesTable>;

/** What both the sessions page and the record's overview say about how support is going. */
export interface SessionsSummary {
  youngPersonId: string;
  usage: SessionUsage;
  usageText: { sessions: string; weeks: string };
  /** A warning when support is near, at or over the scheme's limit. */
  usageWarning?: { heading: string; text: string };
  next?: SessionRow & { where: string };
  /** An extension request is waiting for a manager. */
  extensionPending: boolean;
  /** Set once enough sessions in a row were missed for the scheme's policy to apply. */
  missedPrompt?: { heading: string; text: string };
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const WARNING_HEADINGS: Record<Exclude<UsageLevel, 'within'>, string> = {
  near: 'Support is nearly at the scheme’s limit',
  reached: 'Support has reached the scheme’s limit',
  over: 'Support is over the scheme’s limit',
};

function usageWarning(usage: SessionUsage): SessionsSummary['usageWarning'] {
  if (usage.level === 'within') return undefined;
  const parts: string[] = [];
  const sessionsLeft = usage.sessionsAllowed - usage.sessionsUsed;
  const weeksLeft = usage.weeksAllowed - usage.weeksUsed;
  if (usage.sessionsLevel !== 'within') parts.push(sessionsLeft > 0 ? `${plural(sessionsLeft, 'session')} left of ${usage.sessionsAllowed}` : `${usage.sessionsUsed} of ${plural(usage.sessionsAllowed, 'session')} used`);
  if (usage.weeksLevel !== 'within') parts.push(weeksLeft > 0 ? `${plural(weeksLeft, 'week')} left of ${usage.weeksAllowed}` : `${usage.weeksUsed} of ${plural(usage.weeksAllowed, 'week')} gone`);
  return {
    heading: WARNING_HEADINGS[usage.level],
    text: `${parts.join(', and ')}. Plan the ending with them, or ask a manager for an extension if they need more support.`,
  };
}

export function summarise(
  youngPersonId: string,
  episode: Episode,
  sessions: readonly SessionRow[],
  extensions: readonly { status: string }[],
  settings: CaseworkSettings,
  now: Date,
): SessionsSummary {
  const usage = sessionUsage(episode, sessions, ukCalendarDate(now));
  const missed = missedInARow(sessions);
  const next = sessions.find((session) => session.status === 'scheduled' && session.starts_at >= now && session.home_visit_approval !== 'declined');
  return {
    youngPersonId,
    usage,
    usageText: {
      sessions: `${usage.sessionsUsed} of ${plural(usage.sessionsAllowed, 'session')} used${usage.sessionsBooked ? `, ${usage.sessionsBooked} booked` : ''}`,
      weeks: `${usage.weeksUsed} of ${plural(usage.weeksAllowed, 'week')} used, since ${formatUkDate(episode.opened_on)}`,
    },
    usageWarning: usageWarning(usage),
    extensionPending: extensions.some((extension) => extension.status === 'requested'),
    ...(next ? { next: { ...next, where: whereText(next) } } : {}),
    ...(missed >= settings.missed_sessions_prompt
      ? {
          missedPrompt: {
            heading: `${plural(missed, 'missed session')} in a row`,
            text: 'Our policy: try to contact them, agree with them whether to carry on, or discharge them.',
          },
        }
      : {}),
  };
}

/** The summary for the young person's open episode, or undefined when none is open. */
export async function sessionsSummaryOf(tx: CallerTransaction, youngPersonId: string, action = 'view'): Promise<SessionsSummary | undefined> {
  const episode = await currentEpisode(tx, youngPersonId, action);
  if (!episode) return undefined;
  const [sessions, extensions] = [await sessionsOfEpisode(tx, episode.id, action), await extensionRequestsOf(tx, episode.id, action)];
  return summarise(youngPersonId, episode, sessions, extensions, await caseworkSettings(tx), new Date());
}
