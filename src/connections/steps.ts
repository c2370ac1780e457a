import type { ConnectionStatus, ReferralMethod } from '../platform/db/tables/connections.ts';
import { workingDaysBetween } from '../domain/working-days.ts';

/** The things a link worker can record on a connection, each on its own short page. */
export type Step = 'agree' | 'refer' | 'remind' | 'first-attended' | 'phase' | 'stop';
export const STEPS: readonly Step[] = ['agree', 'refer', 'remind', 'first-attended', 'phase', 'stop'];

export interface ConnectionState {
  status: ConnectionStatus;
  agreed_on: string | null;
  referral_method: ReferralMethod | null;
  provider_answer: string | null;
  first_attended_on: string | null;
}

/**
 * Which steps fit where a connection is now. Referring needs the young person's agreement on
 * record, always; a provider is only chased while an emailed referral waits for its answer.
 */
export function stepAllowed(step: Step, connection: ConnectionState): boolean {
  const { status } = connection;
  switch (step) {
    case 'agree':
      return status === 'suggested';
    case 'refer':
      return status === 'agreed' && connection.agreed_on !== null;
    case 'remind':
      return status === 'referred' && connection.referral_method === 'email' && connection.provider_answer === null;
    case 'first-attended':
      return (status === 'referred' || status === 'accepted') && connection.first_attended_on === null;
    case 'phase':
      return status === 'referred' || status === 'accepted' || status === 'attending';
    case 'stop':
      return status !== 'stopped' && status !== 'declined';
  }
}

/** What to do next, in a few words, for the list on the record page. */
export function nextStep(connection: ConnectionState): string {
  switch (connection.status) {
    case 'suggested':
      return 'Ask if they agree to being referred';
    case 'agreed':
      return 'Refer them or give them the details';
    case 'referred':
      return connection.referral_method === 'email' ? 'Wait for the provider to answer' : 'Record when they first go';
    case 'accepted':
      return 'Record when they first go';
    case 'attending':
      return 'Keep in touch about how it is going';
    case 'declined':
    case 'stopped':
      return 'None';
  }
}

export interface AnswerWait {
  status: ConnectionStatus;
  referral_method: ReferralMethod | null;
  provider_answer: string | null;
  referred_on: string | null;
  reminded_on: string | null;
}

/**
 * Whether an emailed referral has waited longer than the scheme allows for the provider's answer.
 * A reminder starts the wait again.
 */
export function providerOverdue(connection: AnswerWait, today: string, limitWorkingDays: number): boolean {
  if (connection.status !== 'referred' || connection.referral_method !== 'email' || connection.provider_answer !== null) return false;
  const since = connection.reminded_on ?? connection.referred_on;
  return since !== null && workingDaysBetween(since, today) >= limitWorkingDays;
}
