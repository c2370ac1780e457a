import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { ActionOwner, GoalStatus } from '../platform/db/tables/casework.ts';
import { currentEpisode } from '../domain/episodes.ts';

/** A young person's plan is the plan of their open episode; a closed episode's plan is history. */
export async function openPlanOf(tx: CallerTransaction, youngPersonId: string, action: string) {
  return tx.readOnePersonal({ action, recordType: 'plans', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('plans')
      .innerJoin('episodes', 'episodes.id', 'plans.episode_id')
      .selectAll('plans')
      // Through the episode, so the one-open-episode index finds the row.
      .where('episodes.young_person_id', '=', youngPersonId)
      .where('episodes.closed_on', 'is', null)
      .executeTakeFirst(),
  );
}

export type Plan = NonNullable<Awaited<ReturnType<typeof openPlanOf>>>;

/**
 * The open episode's plan, started the first time anything is added to it. Undefined when the
 * young person has no open episode (or the caller may not see them).
 */
export async function startedPlanOf(tx: CallerTransaction, youngPersonId: string): Promise<Plan | undefined> {
  const existing = await openPlanOf(tx, youngPersonId, 'view');
  if (existing) return existing;
  const episode = await currentEpisode(tx, youngPersonId, 'view');
  if (!episode) return undefined;
  return tx.changePersonal((db) =>
    db
      .insertInto('plans')
      .values({ org_id: tx.caller.orgId, young_person_id: youngPersonId, episode_id: episode.id, created_by: tx.caller.userId })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function updatePlan(
  tx: CallerTransaction,
  planId: string,
  changes: { personal_outcomes?: string | null; young_person_agreed?: boolean; agreed_on?: string | null; agreement_note?: string | null },
): Promise<void> {
  await tx.changePersonal((db) => db.updateTable('plans').set({ ...changes, updated_at: new Date() }).where('id', '=', planId).execute());
}

export async function addGoal(tx: CallerTransaction, plan: Plan, position: number, wording: string): Promise<void> {
  await tx.changePersonal((db) =>
    db.insertInto('goals').values({ org_id: tx.caller.orgId, young_person_id: plan.young_person_id, plan_id: plan.id, position, wording }).execute(),
  );
}

export async function updateGoal(tx: CallerTransaction, goalId: string, changes: { wording: string; status: GoalStatus; position: number }): Promise<void> {
  await tx.changePersonal((db) => db.updateTable('goals').set({ ...changes, updated_at: new Date() }).where('id', '=', goalId).execute());
}

export async function actionsOf(tx: CallerTransaction, planId: string, action: string) {
  return tx.readPersonal({ action, recordType: 'plan_actions', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('plan_actions')
      .select(['id', 'young_person_id', 'goal_id', 'description', 'owner', 'owner_note', 'due_on', 'done_on'])
      .where('plan_id', '=', planId)
      .orderBy('due_on', (ordering) => ordering.asc().nullsLast())
      .orderBy('created_at')
      .execute(),
  );
}

export type PlanAction = Awaited<ReturnType<typeof actionsOf>>[number];

export interface NewAction {
  description: string;
  owner: ActionOwner;
  ownerNote: string | null;
  dueOn: string | null;
  goalId: string | null;
}

export async function addAction(tx: CallerTransaction, plan: Plan, action: NewAction): Promise<void> {
  await tx.changePersonal((db) =>
    db
      .insertInto('plan_actions')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: plan.young_person_id,
        plan_id: plan.id,
        goal_id: action.goalId,
        description: action.description,
        owner: action.owner,
        owner_note: action.ownerNote,
        due_on: action.dueOn,
      })
      .execute(),
  );
}

/** Marks an action of the plan done. False when the action is not part of this plan or was already done. */
export async function markActionDone(tx: CallerTransaction, planId: string, actionId: string, doneOn: string): Promise<boolean> {
  const row = await tx.changePersonal((db) =>
    db
      .updateTable('plan_actions')
      .set({ done_on: doneOn, updated_at: new Date() })
      .where('id', '=', actionId)
      .where('plan_id', '=', planId)
      .where('done_on', 'is', null)
      .returning('id')
      .executeTakeFirst(),
  );
  return row !== undefined;
}
