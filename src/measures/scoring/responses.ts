import { randomUUID } from 'node:crypto';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import type { MeasureCollector, MeasureMoment } from '../../platform/db/tables/measures.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { goalsWithRatings, recordGoalRatings } from '../../plans/index.ts';
import { definitionFor } from './catalogue.ts';
import type { MeasureDefinition } from './definition.ts';
import { GBO, goalItemId } from './definitions/gbo.ts';
import { InvalidAnswersError, answerProblems, scoreAnswers } from './scoring.ts';

export const NOT_COLLECTED_REASON_LIMIT = 500;

interface ResponseDetails {
  youngPersonId: string;
  episodeId: string | null;
  key: string;
  version: number;
  moment: MeasureMoment;
  collectedBy: MeasureCollector;
  /** 'YYYY-MM-DD'. */
  completedOn: string;
}

export type ResponseInput = ResponseDetails & ({ answers: Record<string, number> } | { notCollectedReason: string });

/**
 * Keeps one answer set (or the reason it was not collected) with the measure version it was given
 * under, and the scores that version gives. The caller has already checked the young person is
 * theirs to record for (recordHeader, or a valid link).
 *
 * GBO answers ({ goal_1: 7, ... }, by goal position) are the plan's goal ratings, so they are
 * recorded there and no measure response is written: the result is then null.
 * Throws InvalidAnswersError for answers the definition cannot score, NotFoundError for an unknown version.
 */
export async function saveResponse(tx: CallerTransaction, input: ResponseInput): Promise<string | null> {
  const definition = await definitionFor(tx, input.key, input.version);
  if (!definition) throw new NotFoundError(`measure ${input.key} version ${input.version}`);
  if ('notCollectedReason' in input) return insertResponse(tx, input, { notCollectedReason: notCollectedReason(input.notCollectedReason) });
  if (definition.wordingRequiresLicence) throw new InvalidAnswersError([`${definition.key} version ${definition.version} has no licensed wording to answer`]);
  if (definition.key === GBO.key) {
    await saveGoalRatings(tx, input, input.answers);
    return null;
  }
  return insertResponse(tx, input, { answers: input.answers, scores: scoreAnswers(definition, input.answers) });
}

function notCollectedReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new InvalidAnswersError(['a response that was not collected needs the reason']);
  if (trimmed.length > NOT_COLLECTED_REASON_LIMIT) throw new InvalidAnswersError([`the reason must be ${NOT_COLLECTED_REASON_LIMIT} characters or fewer`]);
  return trimmed;
}

async function insertResponse(
  tx: CallerTransaction,
  input: ResponseDetails,
  result: { notCollectedReason: string } | { answers: Record<string, number>; scores: Record<string, number> },
): Promise<string> {
  // Made here, not returned by the insert, so the insert needs no sight of the row afterwards.
  const id = randomUUID();
  await tx.changePersonal((db) =>
    db
      .insertInto('measure_responses')
      .values({
        id,
        org_id: tx.caller.orgId,
        young_person_id: input.youngPersonId,
        episode_id: input.episodeId,
        measure_key: input.key,
        measure_version: input.version,
        moment: input.moment,
        completed_on: input.completedOn,
        collected_by: input.collectedBy,
        not_collected_reason: 'notCollectedReason' in result ? result.notCollectedReason : null,
        answers: JSON.stringify('answers' in result ? result.answers : {}),
        scores: JSON.stringify('scores' in result ? result.scores : {}),
        recorded_by: tx.caller.userId,
      })
      .execute(),
  );
  return id;
}

/** Each answered position must be a goal still being worked on in the open plan. */
async function saveGoalRatings(tx: CallerTransaction, input: ResponseDetails, answers: Record<string, number>): Promise<void> {
  const problems = answerProblems(GBO, answers, 'given');
  if (Object.keys(answers).length === 0) problems.push('no goal was rated');
  const goals = (await goalsWithRatings(tx, input.youngPersonId, 'view')).filter((goal) => goal.status === 'active');
  const goalAt = new Map(goals.map((goal) => [goalItemId(goal.position), goal.id]));
  for (const itemId of Object.keys(answers)) if (!goalAt.has(itemId) && !problems.some((problem) => problem.startsWith(itemId))) problems.push(`${itemId} is not a goal in the plan`);
  if (problems.length > 0) throw new InvalidAnswersError(problems);
  await recordGoalRatings(
    tx,
    input.youngPersonId,
    Object.entries(answers).map(([itemId, rating]) => ({ goalId: goalAt.get(itemId)!, rating })),
    input.collectedBy === 'young_person_link' ? 'young_person' : 'with_link_worker',
    input.completedOn,
  );
}

/** The goal-based definition's questions for a young person: their active goals, by position. */
export async function goalQuestionsFor(tx: CallerTransaction, youngPersonId: string, action: string): Promise<MeasureDefinition> {
  const goals = (await goalsWithRatings(tx, youngPersonId, action)).filter((goal) => goal.status === 'active');
  return {
    ...GBO,
    items: goals.map((goal) => ({ ...GBO.items[goal.position - 1]!, text: goal.wording })),
    scores: goals.map((goal) => ({ ...GBO.scores[goal.position - 1]!, label: goal.wording })),
  };
}
