import type { SupportSessionStatus } from '../platform/db/schema.ts';

/** The places and means a session can happen in; each scheme offers some of them. */
export const SESSION_SETTINGS = {
  gp_surgery: 'GP surgery',
  school: 'School',
  hub: 'Hub',
  cafe: 'Café',
  community_venue: 'Community venue',
  home_visit: 'Home visit',
  phone: 'Phone call',
  video: 'Video call',
  text: 'Text messages',
} as const;

export type SessionSetting = keyof typeof SESSION_SETTINGS;
export const SESSION_SETTING_CODES = Object.keys(SESSION_SETTINGS) as [SessionSetting, ...SessionSetting[]];

export const SESSION_STATUSES: Record<SupportSessionStatus, string> = {
  scheduled: 'Booked',
  attended: 'Attended',
  did_not_attend: 'Did not attend',
  cancelled: 'Cancelled',
};

/** What happened to a session, as the record form offers it (a booking is not an outcome). */
export type SessionOutcome = Exclude<SupportSessionStatus, 'scheduled'>;
export const SESSION_OUTCOMES: Record<SessionOutcome, string> = {
  attended: 'They attended',
  did_not_attend: 'They did not attend',
  cancelled: 'It was cancelled',
};

export type CancelledBy = 'young_person' | 'link_worker' | 'parent_carer' | 'someone_else';
export const CANCELLED_BY: Record<CancelledBy, string> = {
  young_person: 'The young person',
  link_worker: 'The link worker',
  parent_carer: 'A parent or carer',
  someone_else: 'Someone else',
};

export type HomeVisitApproval = 'requested' | 'approved' | 'declined';
export const HOME_VISIT_APPROVALS: Record<HomeVisitApproval, string> = {
  requested: 'Waiting for a manager’s approval',
  approved: 'Approved by a manager',
  declined: 'Not approved by a manager',
};

export function settingLabel(code: string | null): string {
  if (!code) return 'Not recorded';
  return (SESSION_SETTINGS as Record<string, string>)[code] ?? code;
}

/** The place, unless it only repeats the setting ("Café" at a café, "Video" for a video call). */
export function distinctPlace(setting: string | null, place: string | null): string | undefined {
  const named = place?.trim();
  if (!named) return undefined;
  const label = setting ? settingLabel(setting).toLowerCase() : '';
  const repeats = label.split(' ').includes(named.toLowerCase()) || label === named.toLowerCase();
  return repeats ? undefined : named;
}

/** Codes to label-and-value pairs for radios and checkboxes. */
export function choicesFrom<Code extends string>(labels: Record<Code, string>, codes: readonly Code[] = Object.keys(labels) as Code[]) {
  return codes.map((value) => ({ value, text: labels[value] }));
}
