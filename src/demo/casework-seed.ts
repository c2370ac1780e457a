import { sql, type Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { builtInMeasure } from '../measures/index.ts';
import { scoreAnswers } from '../measures/index.ts';

// Casework for the demo's young people in support: consent, "what matters to me", a plan with goals
// rated over time, actions (some overdue) and notes on the sessions that happened. Choices rotate by
// position, so every demo looks the same.

const INTERESTS = [['sports', 'social'], ['creative', 'indoor'], ['social', 'vocational_educational'], ['self_care', 'creative'], ['sports', 'self_care']];
const NEEDS = [['low_mood', 'loneliness'], ['anxiety', 'school_pressure'], ['confidence'], ['family', 'anger'], ['physical_activity', 'loneliness']];
const BARRIERS = [['confidence'], ['cost', 'travel'], ['anxiety_about_groups'], [], ['travel']];
const WHAT_MATTERS = ['My friends and my little brother', 'Music — I want to play in front of people one day', 'Getting my GCSEs done', 'Feeling like myself again', 'Being outdoors and moving'];
const GOALS = [
  ['Go to football training once a week', 'Talk to one new person at college'],
  ['Finish a drawing I am proud of', 'Feel less worried before school'],
  ['Get to school on time most days', 'Join a group outside school'],
  ['Sleep better', 'Spend less time alone in my room'],
];
const SETTING_BY_PLACE: Record<string, string> = {
  School: 'school',
  'GP surgery': 'gp_surgery',
  'Youth hub': 'hub',
  Café: 'cafe',
  'Community venue': 'community_venue',
  Phone: 'phone',
  Video: 'video',
};

export async function seedDemoCasework(trx: Transaction<Database>, orgId: string, workerIds: readonly string[]): Promise<void> {
  const episodes = await trx
    .selectFrom('episodes as e')
    .innerJoin('young_people as p', 'p.id', 'e.young_person_id')
    .select(['e.id', 'e.young_person_id', 'e.opened_on', 'p.allocated_worker_id'])
    .where('e.org_id', '=', orgId)
    .where('p.stage', '=', 'in_support')
    .orderBy('p.family_name')
    .orderBy('p.id')
    .execute();
  if (episodes.length === 0) return;

  await trx
    .insertInto('consents')
    .values(
      episodes.map((episode, index) => ({
        org_id: orgId,
        young_person_id: episode.young_person_id,
        episode_id: episode.id,
        to_service: true,
        share_with_referrer: index % 4 !== 3,
        share_with_gp: true,
        share_with_school: index % 2 === 0,
        share_with_parent_carer: index % 3 === 0,
        research: index % 5 === 0,
        given_by: 'young_person' as const,
        what_they_were_told: 'What Linkway records, who can see it, and that they can change their mind at any time.',
        given_on: episode.opened_on,
        recorded_by: episode.allocated_worker_id ?? workerIds[0] ?? null,
      })),
    )
    .execute();

  await trx
    .insertInto('assessments')
    .values(
      episodes.map((episode, index) => ({
        org_id: orgId,
        young_person_id: episode.young_person_id,
        episode_id: episode.id,
        interests: INTERESTS[index % INTERESTS.length]!,
        needs: NEEDS[index % NEEDS.length]!,
        barriers: BARRIERS[index % BARRIERS.length]!,
        what_matters: WHAT_MATTERS[index % WHAT_MATTERS.length]!,
        strengths: 'Funny, kind to younger children, keeps going when things are hard',
        want_to_change: 'Feel more confident and get out of the house more',
        recorded_by: episode.allocated_worker_id,
      })),
    )
    .execute();

  const plans = await trx
    .insertInto('plans')
    .values(
      episodes.map((episode) => ({
        org_id: orgId,
        young_person_id: episode.young_person_id,
        episode_id: episode.id,
        personal_outcomes: 'To feel part of something again',
        young_person_agreed: true,
        agreed_on: episode.opened_on,
        created_by: episode.allocated_worker_id,
      })),
    )
    .returning(['id', 'young_person_id'])
    .execute();

  const goals = await trx
    .insertInto('goals')
    .values(
      plans.flatMap((plan, index) =>
        GOALS[index % GOALS.length]!.map((wording, position) => ({ org_id: orgId, young_person_id: plan.young_person_id, plan_id: plan.id, position: position + 1, wording })),
      ),
    )
    .returning(['id', 'young_person_id', 'position'])
    .execute();

  // A first rating three weeks ago and a later one, mostly better: the movement the plan page shows.
  await sql`
    insert into goal_ratings (org_id, young_person_id, goal_id, rating, rated_on, rated_by)
    select ${orgId}::uuid, g.young_person, g.goal, r.rating, current_date - r.days_ago, 'with_link_worker'
    from unnest(${goals.map((goal) => goal.young_person_id)}::uuid[], ${goals.map((goal) => goal.id)}::uuid[], ${goals.map((goal) => goal.position)}::int[])
           as g(young_person, goal, position)
    cross join lateral (values (2 + g.position, 21), (5 + g.position, 7)) as r(rating, days_ago)`.execute(trx);

  await trx
    .insertInto('plan_actions')
    .values(
      plans.flatMap((plan, index) => [
        {
          org_id: orgId,
          young_person_id: plan.young_person_id,
          plan_id: plan.id,
          description: 'Find out when the next taster session is',
          owner: 'link_worker' as const,
          due_on: sql<string>`current_date + ${index % 3 === 0 ? -3 : 7}::int`,
        },
        { org_id: orgId, young_person_id: plan.young_person_id, plan_id: plan.id, description: 'Try the breathing app twice this week', owner: 'young_person' as const, due_on: null },
      ]),
    )
    .execute();

  await seedOns4(trx, orgId, episodes);

  // Booked sessions get their kind of place; the ones that happened get defensible notes.
  for (const [place, setting] of Object.entries(SETTING_BY_PLACE)) {
    await trx.updateTable('support_sessions').set({ setting }).where('org_id', '=', orgId).where('place', '=', place).execute();
  }
  await trx
    .updateTable('support_sessions')
    .set({
      what_happened: 'Talked about the week, school and what has felt hard. Looked at two local groups together.',
      what_was_agreed: 'To try one taster session before we next meet.',
      next_steps: 'Link worker to check the group’s next dates and text them.',
      recorded_at: sql`starts_at + interval '2 hours'`,
    })
    .where('org_id', '=', orgId)
    .where('status', '=', 'attended')
    .execute();
}

/** ONS4 at the first session and at a review, mostly better at review: what the measures charts show. */
async function seedOns4(trx: Transaction<Database>, orgId: string, episodes: { id: string; young_person_id: string; allocated_worker_id: string | null }[]) {
  const ons4 = builtInMeasure('ons4')!;
  const answerSets = (index: number) => [
    { moment: 'baseline' as const, daysAgo: 21, answers: { life_satisfaction: 3 + (index % 3), worthwhile: 4, happiness: 3 + (index % 2), anxiety: 7 - (index % 3) } },
    { moment: 'review' as const, daysAgo: 7, answers: { life_satisfaction: 5 + (index % 4), worthwhile: 6, happiness: 6 + (index % 3), anxiety: 4 + (index % 4) } },
  ];
  await trx
    .insertInto('measure_responses')
    .values(
      episodes.flatMap((episode, index) =>
        answerSets(index).map((set) => ({
          org_id: orgId,
          young_person_id: episode.young_person_id,
          episode_id: episode.id,
          measure_key: ons4.key,
          measure_version: ons4.version,
          moment: set.moment,
          completed_on: sql<string>`current_date - ${set.daysAgo}::int`,
          collected_by: 'with_link_worker' as const,
          answers: JSON.stringify(set.answers),
          scores: JSON.stringify(scoreAnswers(ons4, set.answers)),
          recorded_by: episode.allocated_worker_id,
        })),
      ),
    )
    .execute();
}
