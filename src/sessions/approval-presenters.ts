import type { ExtensionStatus } from '../platform/db/tables/casework.ts';

const EXTENSION_TAGS: Record<ExtensionStatus, { text: string; colour: string }> = {
  requested: { text: 'Waiting for a decision', colour: 'orange' },
  approved: { text: 'Approved', colour: 'green' },
  declined: { text: 'Not approved', colour: 'red' },
};

const plural = (count: number, one: string) => `${count} ${count === 1 ? one : `${one}s`}`;

/** "2 more sessions and 4 more weeks", leaving out whichever is none. */
export function extraText(request: { extra_sessions: number; extra_weeks: number }): string {
  const parts = [
    ...(request.extra_sessions ? [plural(request.extra_sessions, 'more session')] : []),
    ...(request.extra_weeks ? [plural(request.extra_weeks, 'more week')] : []),
  ];
  return parts.join(' and ');
}

export function presentExtension<Row extends { status: ExtensionStatus; extra_sessions: number; extra_weeks: number }>(request: Row) {
  return { ...request, extra: extraText(request), tag: EXTENSION_TAGS[request.status] };
}
