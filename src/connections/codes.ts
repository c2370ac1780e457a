import type { ConnectionStatus, StopReason, SupportPhase } from '../platform/db/tables/connections.ts';

/** Words and tag colours for each stage of a connection, as link workers and managers say them. */
export const STATUS_LABELS: Record<ConnectionStatus, { text: string; colour: string }> = {
  suggested: { text: 'Suggested', colour: 'grey' },
  agreed: { text: 'Agreed', colour: 'blue' },
  referred: { text: 'Referred', colour: 'purple' },
  accepted: { text: 'Accepted by provider', colour: 'aqua-green' },
  declined: { text: 'Declined by provider', colour: 'orange' },
  attending: { text: 'Attending', colour: 'green' },
  stopped: { text: 'Stopped', colour: 'red' },
};

export const STOP_REASONS: Record<StopReason, string> = {
  did_not_enjoy: 'Did not enjoy it',
  too_far: 'Too far to travel',
  cost: 'Cost',
  group_closed: 'The group closed',
  anxiety: 'Anxiety',
  moved_on: 'Moved on to something else',
  not_wanted: 'Decided not to go',
  other: 'Other reason',
};

export const PHASES: Record<SupportPhase, string> = {
  accompanied: 'Accompanied for the whole first session',
  met_at_venue: 'Met at the venue',
  independent: 'Going independently',
};

export const STOP_REASON_CODES = Object.keys(STOP_REASONS) as [StopReason, ...StopReason[]];
export const PHASE_CODES = Object.keys(PHASES) as [SupportPhase, ...SupportPhase[]];
