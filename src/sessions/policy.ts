import type { SupportSessionStatus } from '../platform/db/schema.ts';

/**
 * The rules about how much support an episode has and when to step back and think. Pure, so the
 * sessions page, the record's overview and the caseload all count the same way.
 */

interface SessionForPolicy {
  starts_at: Date;
  status: SupportSessionStatus;
  home_visit_approval?: string | null;
}

/**
 * How many of the latest sessions with an outcome were missed one after another. Cancelled and
 * still-booked sessions neither break nor extend the run: only a session they came to ends it.
 */
export function missedInARow(sessions: readonly SessionForPolicy[]): number {
  const outcomes = sessions
    .filter((session) => session.status === 'attended' || session.status === 'did_not_attend')
    .sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime());
  let missed = 0;
  for (let index = outcomes.length - 1; index >= 0 && outcomes[index]!.status === 'did_not_attend'; index -= 1) missed += 1;
  return missed;
}

export type UsageLevel = 'within' | 'near' | 'reached' | 'over';

export interface SessionUsage {
  /** Sessions they came to: a missed or cancelled session does not use up their support. */
  sessionsUsed: number;
  sessionsAllowed: number;
  /** Booked and not yet recorded, leaving out home visits a manager turned down. */
  sessionsBooked: number;
  /** Whole weeks since the episode opened. */
  weeksUsed: number;
  weeksAllowed: number;
  sessionsLevel: UsageLevel;
  weeksLevel: UsageLevel;
  /** The more pressing of the two. */
  level: UsageLevel;
}

interface EpisodeAllowance {
  opened_on: string;
  sessions_allowed: number;
  weeks_allowed: number;
}

const LEVEL_ORDER: readonly UsageLevel[] = ['within', 'near', 'reached', 'over'];
const DAY_MS = 24 * 60 * 60 * 1000;
/** How close to the end counts as near: the last session, or the last two weeks. */
const NEAR_SESSIONS = 1;
const NEAR_WEEKS = 2;

function levelOf(used: number, allowed: number, nearWithin: number): UsageLevel {
  if (used > allowed) return 'over';
  if (used === allowed) return 'reached';
  return allowed - used <= nearWithin ? 'near' : 'within';
}

/** Calendar dates ('YYYY-MM-DD') to whole days apart, whatever the server's time zone. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function sessionUsage(episode: EpisodeAllowance, sessions: readonly SessionForPolicy[], today: string): SessionUsage {
  const sessionsUsed = sessions.filter((session) => session.status === 'attended').length;
  const sessionsBooked = sessions.filter((session) => session.status === 'scheduled' && session.home_visit_approval !== 'declined').length;
  const weeksUsed = Math.max(0, Math.floor(daysBetween(episode.opened_on, today) / 7));
  const sessionsLevel = levelOf(sessionsUsed, episode.sessions_allowed, NEAR_SESSIONS);
  const weeksLevel = levelOf(weeksUsed, episode.weeks_allowed, NEAR_WEEKS);
  const level = LEVEL_ORDER[Math.max(LEVEL_ORDER.indexOf(sessionsLevel), LEVEL_ORDER.indexOf(weeksLevel))]!;
  return {
    sessionsUsed,
    sessionsAllowed: episode.sessions_allowed,
    sessionsBooked,
    weeksUsed,
    weeksAllowed: episode.weeks_allowed,
    sessionsLevel,
    weeksLevel,
    level,
  };
}
