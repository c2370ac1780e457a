import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { AssessmentInput } from './schemas.ts';

/** "What matters to me" is one record per episode, kept up to date as the conversation goes on. */
export async function assessmentOf(tx: CallerTransaction, episodeId: string, action: string) {
  return tx.readOnePersonal({ action, recordType: 'assessments', identify: belongsToYoungPerson }, (db) =>
    db.selectFrom('assessments').selectAll().where('episode_id', '=', episodeId).executeTakeFirst(),
  );
}

export type Assessment = NonNullable<Awaited<ReturnType<typeof assessmentOf>>>;

const orNull = (text: string) => (text === '' ? null : text);

export async function saveAssessment(tx: CallerTransaction, episode: { id: string; young_person_id: string }, input: AssessmentInput): Promise<void> {
  const answers = {
    interests: input.interests,
    interests_note: orNull(input.interestsNote),
    strengths: orNull(input.strengths),
    what_matters: orNull(input.whatMatters),
    needs: input.needs,
    concerns_note: orNull(input.concernsNote),
    want_to_change: orNull(input.wantToChange),
    barriers: input.barriers,
    barriers_note: orNull(input.barriersNote),
    recorded_by: tx.caller.userId,
  };
  await tx.changePersonal((db) =>
    db
      .insertInto('assessments')
      .values({ org_id: tx.caller.orgId, young_person_id: episode.young_person_id, episode_id: episode.id, ...answers })
      .onConflict((conflict) => conflict.column('episode_id').doUpdateSet({ ...answers, updated_at: new Date() }))
      .execute(),
  );
}
