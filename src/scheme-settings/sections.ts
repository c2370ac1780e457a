import type { z } from 'zod';
import { ROUTES } from '../domain/codes.ts';
import type { SchemeSettings, SettingsChanges } from './queries.ts';
import { catchmentForm } from './catchment.ts';
import { ageRangeForm, contactPolicyForm, criteriaForm, identityForm, publicFormTextForm, routesForm } from './schemas.ts';
import { listOf } from '../platform/http/form-fields.ts';

/**
 * The settings that are one page each, all kept in the scheme's single settings row. Each page is
 * the same pattern (show the current values, check, save, back to the overview), so one pair of
 * routes serves them all and only what differs lives here.
 */
export interface SettingsSection {
  /** The address under /settings, the fields template's name and the success notice's key. */
  slug: string;
  title: string;
  intro: string;
  schema: z.ZodType;
  /** The saved settings as the form's fields show them. */
  values(settings: SchemeSettings): Record<string, unknown>;
  /** The checked form as columns of the settings row. */
  changes(data: unknown): SettingsChanges;
  notice: string;
}

function section<Schema extends z.ZodType>(definition: Omit<SettingsSection, 'schema' | 'changes'> & { schema: Schema; changes(data: z.output<Schema>): SettingsChanges }): SettingsSection {
  return definition as SettingsSection;
}

export const SECTIONS: readonly SettingsSection[] = [
  section({
    slug: 'referral-routes',
    title: 'Referral routes',
    intro: 'Choose who can use the online referral form. Closing a route hides it from the form; referrals already made are not affected.',
    schema: routesForm,
    values: (settings) => ({ openRoutes: settings.open_routes }),
    changes: (form) => ({ open_routes: form.openRoutes }),
    notice: 'Referral routes saved.',
  }),
  section({
    slug: 'age-range',
    title: 'Age range',
    intro: 'The ages the scheme supports. People outside this range see your message and the redirect services you offer to them.',
    schema: ageRangeForm,
    values: (settings) => ({
      minimumAge: String(settings.minimum_age),
      maximumAge: String(settings.maximum_age),
      outsideAgeMessage: settings.outside_age_message,
    }),
    changes: (form) => ({ minimum_age: form.minimumAge, maximum_age: form.maximumAge, outside_age_message: form.outsideAgeMessage }),
    notice: 'Age range saved.',
  }),
  section({
    slug: 'criteria',
    title: 'Who we can help',
    intro: 'Referrers read these before they refer, and triage checks each referral against them. Write for someone who has never heard of social prescribing.',
    schema: criteriaForm,
    values: (settings) => ({ inclusionCriteria: settings.inclusion_criteria, exclusionCriteria: settings.exclusion_criteria }),
    changes: (form) => ({ inclusion_criteria: form.inclusionCriteria, exclusion_criteria: form.exclusionCriteria }),
    notice: 'Inclusion and exclusion criteria saved.',
  }),
  section({
    slug: 'catchment',
    title: 'Areas, GP practices and schools',
    intro: 'The places the scheme covers. Triage flags a referral from outside them for you to judge; it is never turned away on its own. Leave a list empty to check nothing.',
    schema: catchmentForm,
    values: (settings) => ({
      includedAreas: settings.included_areas.join('\n'),
      includedGpPractices: settings.included_gp_practices.join('\n'),
      includedSchools: settings.included_schools.join('\n'),
    }),
    changes: (form) => ({ included_areas: form.includedAreas, included_gp_practices: form.includedGpPractices, included_schools: form.includedSchools }),
    notice: 'Areas, GP practices and schools saved.',
  }),
  section({
    slug: 'public-form-text',
    title: 'Text on the referral form',
    intro: 'People read this on the online referral form, just before they send it.',
    schema: publicFormTextForm,
    values: (settings) => ({ privacyNotice: settings.privacy_notice, whatHappensNext: settings.what_happens_next }),
    changes: (form) => ({ privacy_notice: form.privacyNotice, what_happens_next: form.whatHappensNext }),
    notice: 'Text on the referral form saved.',
  }),
  section({
    slug: 'contact-policy',
    title: 'Contact policy',
    intro: 'How hard the team tries to reach a young person after a referral is accepted. When the attempts run out with no reply, the case can close as “unable to contact” and the referrer is told.',
    schema: contactPolicyForm,
    values: (settings) => ({
      contactAttempts: String(settings.contact_attempts),
      contactWindowWorkingDays: String(settings.contact_window_working_days),
      firstContactTargetWorkingDays: String(settings.first_contact_target_working_days),
    }),
    changes: (form) => ({
      contact_attempts: form.contactAttempts,
      contact_window_working_days: form.contactWindowWorkingDays,
      first_contact_target_working_days: form.firstContactTargetWorkingDays,
    }),
    notice: 'Contact policy saved.',
  }),
  section({
    slug: 'identity',
    title: 'NHS identity',
    intro: 'Every page shows the scheme’s name at the top. The NHS logo is only for NHS organisations, so it is shown only if the scheme is run by one.',
    schema: identityForm,
    values: (settings) => ({ isNhsOrganisation: settings.is_nhs_organisation ? 'yes' : 'no' }),
    changes: (form) => ({ is_nhs_organisation: form.isNhsOrganisation === 'yes' }),
    notice: 'NHS identity saved.',
  }),
];

/** What the fields templates choose from. */
export const ROUTE_CHOICES = Object.entries(ROUTES).map(([value, text]) => ({ value, text }));

/** What was typed, ready to show back: ticked boxes always as a list, whatever the browser sent. */
export function shownBack(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, openRoutes: listOf(body.openRoutes) };
}
