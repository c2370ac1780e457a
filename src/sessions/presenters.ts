import { CANCELLED_BY, HOME_VISIT_APPROVALS, SESSION_SETTINGS, SESSION_STATUSES, choicesFrom, distinctPlace, settingLabel, type SessionSetting } from './codes.ts';
import type { PlanLinks, SessionRow } from './queries.ts';
import { hasStarted } from './schemas.ts';

const STATUS_COLOURS = { scheduled: 'blue', attended: 'green', did_not_attend: 'red', cancelled: 'grey' } as const;

/** The tag a session shows: a home visit waiting for (or refused) approval says so instead of "Booked". */
export function sessionTag(session: Pick<SessionRow, 'status' | 'home_visit_approval'>): { text: string; colour: string } {
  if (session.status === 'scheduled' && session.home_visit_approval === 'requested') return { text: 'Waiting for approval', colour: 'orange' };
  if (session.status === 'scheduled' && session.home_visit_approval === 'declined') return { text: 'Home visit not approved', colour: 'red' };
  return { text: SESSION_STATUSES[session.status], colour: STATUS_COLOURS[session.status] };
}

export function whereText(session: Pick<SessionRow, 'setting' | 'place'>): string {
  const place = distinctPlace(session.setting, session.place);
  if (!session.setting) return place ?? settingLabel(null);
  return place ? `${settingLabel(session.setting)}: ${place}` : settingLabel(session.setting);
}

export function presentSession(session: SessionRow, youngPersonId: string, now: Date) {
  const booked = session.status === 'scheduled';
  const ahead = booked && !hasStarted(session.starts_at, now);
  return {
    ...session,
    where: whereText(session),
    tag: sessionTag(session),
    cancelledByText: session.cancelled_by ? CANCELLED_BY[session.cancelled_by] : undefined,
    approvalText: session.home_visit_approval ? HOME_VISIT_APPROVALS[session.home_visit_approval] : undefined,
    recordHref: `/young-people/${youngPersonId}/sessions/${session.id}/record`,
    recordText: ahead ? 'Cancel or rearrange' : booked ? 'Record' : 'Change',
    /** Still to come: it can be moved, and not yet said to have happened. */
    ahead,
    rearrangeHref: `/young-people/${youngPersonId}/sessions/${session.id}/rearrange`,
  };
}

/** The scheme's places and means as radios, in the scheme's order of the full list. */
export function settingChoices(offered: readonly string[]) {
  return choicesFrom(SESSION_SETTINGS, (Object.keys(SESSION_SETTINGS) as SessionSetting[]).filter((code) => offered.includes(code)));
}

/** Goals and actions as checkboxes, ticked when the session links to them. */
export function planChoices(links: PlanLinks, ticked: { goalIds: readonly string[]; actionIds: readonly string[] }) {
  return {
    goals: links.goals.map((goal) => ({ value: goal.id, text: `Goal ${goal.position}: ${goal.wording}`, checked: ticked.goalIds.includes(goal.id) })),
    actions: links.actions.map((action) => ({ value: action.id, text: action.description, checked: ticked.actionIds.includes(action.id) })),
  };
}

/** Only ids of the plan's own goals and actions are kept, whatever was posted. */
export function keepPlanIds(links: PlanLinks, posted: { goalIds: readonly string[]; actionIds: readonly string[] }) {
  return {
    goalIds: links.goals.map((goal) => goal.id).filter((id) => posted.goalIds.includes(id)),
    actionIds: links.actions.map((action) => action.id).filter((id) => posted.actionIds.includes(id)),
  };
}
