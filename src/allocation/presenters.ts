import type { Rating } from '../platform/db/tables/referrals.ts';
import { displayName } from '../young-people/index.ts';
import { daysWaiting, RATING_PRIORITY, ratingTag, waitingText } from '../triage/index.ts';
import type { referralsToDiscuss, waitingYoungPeople } from './queries.ts';

type WaitingPerson = Awaited<ReturnType<typeof waitingYoungPeople>>[number];
type ReferralToDiscuss = Awaited<ReturnType<typeof referralsToDiscuss>>[number];

export interface WaitingItem {
  name: string;
  href: string;
  action: { text: string; href: string };
  reference: string;
  rating: Rating | null;
  reasons: string[];
  toDiscuss: boolean;
  waitingSince: Date;
}

/** Discussing is itself an amber matter: a green referral sent to the meeting ranks with the ambers. */
function priorityOf(item: WaitingItem): number {
  const rating = item.rating ? RATING_PRIORITY[item.rating] : RATING_PRIORITY.green;
  return item.toDiscuss ? Math.min(rating, RATING_PRIORITY.amber) : rating;
}

/** One list for the meeting: red and amber first, then whoever has waited longest. */
export function meetingList(people: WaitingPerson[], referrals: ReferralToDiscuss[], now = new Date()) {
  const items: WaitingItem[] = [
    ...people.map((person) => ({
      name: displayName(person),
      href: `/young-people/${person.id}`,
      action: { text: 'Allocate', href: `/allocation/young-people/${person.id}` },
      reference: person.reference ?? '',
      rating: person.rating,
      reasons: person.rating_reasons ?? [],
      toDiscuss: false,
      waitingSince: new Date(`${person.referred_on}T12:00:00Z`),
    })),
    ...referrals.map((referral) => ({
      name: displayName(referral),
      href: `/referrals/${referral.id}`,
      action: { text: 'Decide', href: `/referrals/${referral.id}` },
      reference: referral.reference,
      rating: referral.rating,
      reasons: referral.rating_reasons,
      toDiscuss: true,
      waitingSince: referral.submitted_at,
    })),
  ];
  return items
    .sort((a, b) => priorityOf(a) - priorityOf(b) || a.waitingSince.getTime() - b.waitingSince.getTime())
    .map((item) => ({
      ...item,
      ratingTag: item.rating ? ratingTag(item.rating) : undefined,
      waiting: waitingText(daysWaiting(item.waitingSince, now)),
    }));
}
