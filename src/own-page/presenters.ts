import { distinctPlace, settingLabel } from '../sessions/index.ts';
import { formatUkDate, formatUkDateTime } from '../platform/views/render.ts';
import type { OwnPage } from './young-person-data.ts';

export const HELPFULNESS: Record<number, string> = {
  1: 'Not at all helpful',
  2: 'Not very helpful',
  3: 'Quite helpful',
  4: 'Helpful',
  5: 'Very helpful',
};

function duration(minutes: number): string {
  if (minutes < 60 || minutes % 60 !== 0) return `${minutes} minutes`;
  return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
}

/** The page in the young person's words: plain sentences, no codes, no staff wording. */
export function presentOwnPage(page: OwnPage) {
  const session = page.nextSession;
  return {
    name: page.name,
    schemeName: page.schemeName,
    inSupport: page.inSupport,
    goals: page.goals.map((goal) => ({
      id: goal.id,
      wording: goal.wording,
      latest: goal.rating === null ? undefined : `${goal.rating} out of 10, on ${formatUkDate(goal.ratedOn)}`,
    })),
    nextSession: session && {
      when: formatUkDateTime(session.startsAt),
      howLong: duration(session.durationMinutes),
      how: session.setting ? settingLabel(session.setting) : undefined,
      where: distinctPlace(session.setting, session.place),
    },
    helpfulness: Object.entries(HELPFULNESS).map(([value, text]) => ({ value, text })),
  };
}
