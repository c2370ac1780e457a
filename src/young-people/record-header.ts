import type { FastifyRequest } from 'fastify';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import { findYoungPerson } from './queries.ts';
import { ageOn, displayName, stageTag } from './presenters.ts';
import { recordContents } from '../domain/record-sections.ts';
import { currentEpisode } from '../domain/episodes.ts';

/**
 * What every page of a young person's record shows above its own content: who they are, their
 * stage, open safeguarding concerns and the record's contents list. Undefined when the caller may
 * not see the record, so the page answers 404.
 */
export async function recordHeader(tx: CallerTransaction, request: FastifyRequest, youngPersonId: string, currentPath: string, action = 'view') {
  const person = await findYoungPerson(tx, youngPersonId, action);
  if (!person) return undefined;
  const openConcerns = await tx.readPersonal({ action, recordType: 'safeguarding_concerns', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('safeguarding_concerns')
      .select(['id', 'young_person_id', 'category', 'urgency', 'raised_at'])
      .where('young_person_id', '=', youngPersonId)
      .where('closed_at', 'is', null)
      .orderBy('raised_at', 'desc')
      .execute(),
  );
  const episode = await currentEpisode(tx, youngPersonId, action);
  return {
    person,
    episode,
    name: displayName(person),
    age: ageOn(person.date_of_birth),
    stageTag: stageTag(person.stage),
    openConcerns,
    recordContents: recordContents(youngPersonId, currentPath, request.account!.role),
  };
}

export type RecordHeader = NonNullable<Awaited<ReturnType<typeof recordHeader>>>;
