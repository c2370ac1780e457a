import { z } from 'zod';
import { SESSION_SETTING_CODES } from '../sessions/index.ts';
import type { SchemeSettings, SettingsChanges } from './queries.ts';
import { listOf, wholeNumber } from '../platform/http/form-fields.ts';

export const caseworkForm = z.object({
  defaultSessions: wholeNumber('Sessions', 1, 52, 'Enter how many sessions support usually lasts'),
  defaultWeeks: wholeNumber('Weeks', 1, 104, 'Enter how many weeks support usually lasts'),
  sessionSettings: z.preprocess(
    listOf,
    z
      .array(z.enum(SESSION_SETTING_CODES, { error: 'Select places and means from the list' }))
      .min(1, 'Select at least one place or means the scheme offers')
      // Kept in the form's order, once each, however the browser sent them.
      .transform((chosen) => SESSION_SETTING_CODES.filter((code) => chosen.includes(code))),
  ),
  homeVisitsNeedApproval: z.enum(['yes', 'no'], { error: 'Select whether home visits need a manager’s approval' }).transform((answer) => answer === 'yes'),
  missedSessionsPrompt: wholeNumber('Missed sessions', 1, 10, 'Enter after how many missed sessions in a row to prompt the policy'),
  reviewEveryWeeks: wholeNumber('Review interval', 1, 52, 'Enter how often to review, in weeks'),
});

export type CaseworkInput = z.output<typeof caseworkForm>;

export function caseworkValues(settings: SchemeSettings): Record<string, unknown> {
  return {
    defaultSessions: String(settings.default_sessions),
    defaultWeeks: String(settings.default_weeks),
    sessionSettings: settings.session_settings,
    homeVisitsNeedApproval: settings.home_visits_need_approval ? 'yes' : 'no',
    missedSessionsPrompt: String(settings.missed_sessions_prompt),
    reviewEveryWeeks: String(settings.review_every_weeks),
  };
}

export function caseworkChanges(form: CaseworkInput): SettingsChanges {
  return {
    default_sessions: form.defaultSessions,
    default_weeks: form.defaultWeeks,
    session_settings: form.sessionSettings,
    home_visits_need_approval: form.homeVisitsNeedApproval,
    missed_sessions_prompt: form.missedSessionsPrompt,
    review_every_weeks: form.reviewEveryWeeks,
  };
}
