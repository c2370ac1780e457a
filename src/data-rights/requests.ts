import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import type { DataRightsRequestKind } from '../platform/db/tables/data-rights.ts';
import { anonymise } from './anonymise.ts';
import type { Decision } from './schemas.ts';

export async function requestsOf(tx: CallerTransaction, youngPersonId: string) {
  return tx.readPersonal({ action: 'view', recordType: 'data_rights_requests', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('data_rights_requests as r')
      .leftJoin('users as d', 'd.id', 'r.decided_by')
      .selectAll('r')
      .select('d.name as decided_by_name')
      .where('r.young_person_id', '=', youngPersonId)
      .orderBy('r.created_at', 'desc')
      .execute(),
  );
}

export async function findRequest(tx: CallerTransaction, youngPersonId: string, requestId: string) {
  return tx.readOnePersonal({ action: 'view', recordType: 'data_rights_requests', identify: belongsToYoungPerson }, (db) =>
    db.selectFrom('data_rights_requests').selectAll().where('id', '=', requestId).where('young_person_id', '=', youngPersonId).executeTakeFirst(),
  );
}

export async function logRequest(tx: CallerTransaction, youngPersonId: string, request: { kind: DataRightsRequestKind; requestedBy: string; receivedOn: string }) {
  await tx.changePersonal((db) =>
    db
      .insertInto('data_rights_requests')
      .values({
        org_id: tx.caller.orgId,
        young_person_id: youngPersonId,
        kind: request.kind,
        requested_by: request.requestedBy,
        received_on: request.receivedOn,
        logged_by: tx.caller.userId,
      })
      .execute(),
  );
}

/**
 * Why an erasure request cannot be granted now, in words for the manager and the person who asked.
 * Empty when erasing is lawful.
 */
export async function erasureBlockers(tx: CallerTransaction, youngPersonId: string): Promise<string[]> {
  const [openConcerns, openEpisodes] = await Promise.all([
    tx.readPersonal({ action: 'view', recordType: 'safeguarding_concerns', identify: belongsToYoungPerson }, (db) =>
      db.selectFrom('safeguarding_concerns').select(['id', 'young_person_id']).where('young_person_id', '=', youngPersonId).where('closed_at', 'is', null).execute(),
    ),
    tx.readPersonal({ action: 'view', recordType: 'episodes', identify: belongsToYoungPerson }, (db) =>
      db.selectFrom('episodes').select(['id', 'young_person_id']).where('young_person_id', '=', youngPersonId).where('closed_on', 'is', null).execute(),
    ),
  ]);
  return [
    ...(openConcerns.length
      ? ['A safeguarding concern about them is open. Safeguarding records must be kept while a concern is followed up: the right to erasure does not apply where keeping the record is needed to protect them or to meet a legal duty.']
      : []),
    ...(openEpisodes.length
      ? ['They are being supported now. The record is needed to give them that support: erasure can be considered once they are discharged.']
      : []),
  ];
}

export type DecisionOutcome = 'done' | 'erased' | 'refused' | 'refused_by_law';

/**
 * Records the decision on an open request. An erasure is checked again here, at the moment of
 * deciding: if it is not lawful, the request is refused with the reason, whatever was chosen.
 */
export async function decideRequest(tx: CallerTransaction, request: { id: string; kind: DataRightsRequestKind; young_person_id: string }, decision: Decision): Promise<DecisionOutcome> {
  let status: 'done' | 'refused' = decision.decision === 'refuse' ? 'refused' : 'done';
  let note = decision.decisionNote || null;
  let outcome: DecisionOutcome = status === 'refused' ? 'refused' : 'done';
  // An erasure request is granted by erasing, whichever of the two granting words was posted.
  if (request.kind === 'erasure' && decision.decision !== 'refuse') {
    const blockers = await erasureBlockers(tx, request.young_person_id);
    if (blockers.length) {
      [status, note, outcome] = ['refused', blockers.join(' '), 'refused_by_law'];
    } else {
      await anonymise(tx.db, request.young_person_id);
      outcome = 'erased';
    }
  }
  await tx.changePersonal((db) =>
    db
      .updateTable('data_rights_requests')
      .set({ status, decision_note: note, decided_by: tx.caller.userId, decided_at: new Date() })
      .where('id', '=', request.id)
      .where('status', '=', 'open')
      .execute(),
  );
  return outcome;
}

/** Changes to the young person's own details after the record was made: the corrections, each with the old value. */
export async function correctionsOf(tx: CallerTransaction, youngPersonId: string, createdAt: Date) {
  return tx.db
    .selectFrom('record_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor_user_id')
    .select(['h.at', 'h.record_type', 'h.field', 'h.old_value', 'h.new_value', 'u.name as actor_name'])
    .where('h.young_person_id', '=', youngPersonId)
    .where('h.record_type', '=', 'young_people')
    .where('h.field', 'in', ['given_name', 'family_name', 'preferred_name', 'date_of_birth', 'pronouns', 'postcode', 'phone', 'email'])
    .where('h.at', '>', createdAt)
    .orderBy('h.id', 'desc')
    .execute();
}
