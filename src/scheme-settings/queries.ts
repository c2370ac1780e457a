import type { Updateable } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import type { SchemeSettingsTable } from '../platform/db/tables/referrals.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import type { RuleInput } from './schemas.ts';
import type { ServiceInput } from './service-form.ts';

// Every query here runs as the signed-in caller, so row-level security keeps it inside their
// organisation: another scheme's rule or service simply is not there, and a change to it touches
// no row (which the functions below turn into "not found").

export type SettingsChanges = Omit<Updateable<SchemeSettingsTable>, 'org_id' | 'updated_at'>;

// Every column but the logo's bytes (up to 500 KB), which only the logo's own address reads.
type SettingsColumn = Exclude<keyof SchemeSettingsTable, 'logo_file'>;
const SETTINGS_COLUMNS = [
  'org_id', 'open_routes', 'minimum_age', 'maximum_age', 'outside_age_message', 'is_nhs_organisation', 'logo_content_type',
  'inclusion_criteria', 'exclusion_criteria', 'included_areas', 'included_gp_practices', 'included_schools', 'privacy_notice',
  'what_happens_next', 'contact_attempts', 'contact_window_working_days', 'first_contact_target_working_days', 'default_sessions',
  'default_weeks', 'session_settings', 'home_visits_need_approval', 'missed_sessions_prompt', 'review_every_weeks',
  'retention_years_after_discharge', 'retention_until_age', 'provider_answer_working_days', 'directory_stale_after_days', 'updated_at',
] as const satisfies readonly SettingsColumn[];
// A column added to the table but not to the list above fails the type check here.
const everySettingsColumn: Exclude<SettingsColumn, (typeof SETTINGS_COLUMNS)[number]> extends never ? true : never = true;
void everySettingsColumn;

/** The scheme's settings. A scheme made before settings existed gets the defaults on first sight. */
export async function readSchemeSettings(tx: CallerTransaction) {
  const read = () => tx.db.selectFrom('scheme_settings').select(SETTINGS_COLUMNS).executeTakeFirst();
  const settings = await read();
  if (settings) return settings;
  await tx.db.insertInto('scheme_settings').values({ org_id: tx.caller.orgId }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
  return (await read())!;
}

export type SchemeSettings = Awaited<ReturnType<typeof readSchemeSettings>>;

export async function saveSchemeSettings(tx: CallerTransaction, changes: SettingsChanges): Promise<void> {
  const updated = { ...changes, updated_at: new Date() };
  await tx.db
    .insertInto('scheme_settings')
    .values({ org_id: tx.caller.orgId, ...updated })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(updated))
    .execute();
}

/* Streetlight rules ------------------------------------------------------------------------- */

const RULE_COLUMNS = ['id', 'question', 'answer', 'rating', 'reason'] as const;

export async function listRules(tx: CallerTransaction) {
  return tx.db.selectFrom('streetlight_rules').select(RULE_COLUMNS).orderBy('created_at').orderBy('id').execute();
}

export type RuleRow = Awaited<ReturnType<typeof listRules>>[number];

export async function findRule(tx: CallerTransaction, id: string): Promise<RuleRow> {
  const rule = await tx.db.selectFrom('streetlight_rules').select(RULE_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!rule) throw new NotFoundError();
  return rule;
}

export async function addRule(tx: CallerTransaction, rule: RuleInput): Promise<void> {
  await tx.db.insertInto('streetlight_rules').values({ org_id: tx.caller.orgId, ...rule }).execute();
}

export async function changeRule(tx: CallerTransaction, id: string, rule: RuleInput): Promise<void> {
  const result = await tx.db.updateTable('streetlight_rules').set(rule).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError();
}

export async function removeRule(tx: CallerTransaction, id: string): Promise<void> {
  const result = await tx.db.deleteFrom('streetlight_rules').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError();
}

/** Postgres's code for a broken unique constraint, and the one allowing one rule per answer. */
const UNIQUE_VIOLATION = '23505';
const ONE_RULE_PER_ANSWER = 'streetlight_rules_org_id_question_answer_key';

export function isDuplicateRule(error: unknown): boolean {
  const details = typeof error === 'object' && error !== null ? (error as { code?: unknown; constraint?: unknown }) : {};
  return details.code === UNIQUE_VIOLATION && details.constraint === ONE_RULE_PER_ANSWER;
}

/* Redirect services -------------------------------------------------------------------------- */

// The form file itself is left out: lists and pages need only its name.
const SERVICE_COLUMNS = ['id', 'name', 'when_to_use', 'how_to_refer', 'link_url', 'email', 'form_file_name', 'for_outside_age', 'active'] as const;

/** The scheme's redirect services, offered ones first. `activeOnly` is for pages that offer them. */
export async function listRedirectServices(tx: CallerTransaction, options: { activeOnly?: boolean } = {}) {
  let query = tx.db.selectFrom('redirect_services').select(SERVICE_COLUMNS);
  if (options.activeOnly) query = query.where('active', '=', true);
  return query.orderBy('active', 'desc').orderBy('name').orderBy('id').execute();
}

export type RedirectServiceRow = Awaited<ReturnType<typeof listRedirectServices>>[number];

export async function findRedirectService(tx: CallerTransaction, id: string): Promise<RedirectServiceRow> {
  const service = await tx.db.selectFrom('redirect_services').select(SERVICE_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!service) throw new NotFoundError();
  return service;
}

/** Only the contact detail for the chosen way of referring is kept; the others are cleared. */
function serviceColumns(input: ServiceInput) {
  const details = { name: input.name, when_to_use: input.whenToUse, for_outside_age: input.forOutsideAge, how_to_refer: input.howToRefer };
  const noFile = { form_file: null, form_file_name: null, form_content_type: null };
  switch (input.howToRefer) {
    case 'link':
      return { ...details, link_url: input.linkUrl, email: null, ...noFile };
    case 'email':
      return { ...details, link_url: null, email: input.email, ...noFile };
    case 'form': {
      // No new file when changing a service keeps the one it has.
      const file = input.formFile ? { form_file: input.formFile.data, form_file_name: input.formFile.name, form_content_type: input.formFile.contentType } : {};
      return { ...details, link_url: null, email: null, ...file };
    }
  }
}

export async function addRedirectService(tx: CallerTransaction, input: ServiceInput): Promise<void> {
  await tx.db.insertInto('redirect_services').values({ org_id: tx.caller.orgId, ...serviceColumns(input) }).execute();
}

export async function changeRedirectService(tx: CallerTransaction, id: string, input: ServiceInput): Promise<void> {
  const result = await tx.db.updateTable('redirect_services').set(serviceColumns(input)).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError();
}

export async function setRedirectServiceActive(tx: CallerTransaction, id: string, active: boolean): Promise<void> {
  const result = await tx.db.updateTable('redirect_services').set({ active }).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError();
}
