import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { SafeguardingUrgency } from '../platform/db/tables/casework.ts';
import type { Messenger } from '../platform/outbox/messenger.ts';
import { activeManagers } from './queries.ts';
import { URGENCIES } from './codes.ts';

/**
 * Emails every active manager that a concern was raised. The email says only how urgent it is and
 * where to sign in: nothing about the young person leaves Linkway in it.
 */
export async function alertManagers(tx: CallerTransaction, messenger: Messenger, urgency: SafeguardingUrgency, signInUrl: string): Promise<void> {
  const managers = await activeManagers(tx);
  const scheme = await tx.db.selectFrom('organisations').select('name').where('id', '=', tx.caller.orgId).executeTakeFirstOrThrow();
  const urgencyText = URGENCIES[urgency].text.toLowerCase();
  for (const manager of managers) {
    await messenger.record(tx, {
      referralId: null,
      to: manager.email,
      subject: `Safeguarding concern raised (urgency: ${urgencyText})`,
      template: 'safeguarding/messages/concern-raised.txt.njk',
      data: { schemeName: scheme.name, urgencyText, immediate: urgency === 'immediate', signInUrl },
    });
  }
}
