import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { markChecked, type ServiceDetails } from './queries.ts';
import type { ServiceForm } from './schemas.ts';
import { normalisePostcode } from './postcodes.ts';

/** The one schedule a person describes in words: the service's first whole-service schedule. */
export const describedSchedule = (details: ServiceDetails) => details.schedules[0];

/** The form's values for an existing service. */
export function formValues(details: ServiceDetails): Record<string, unknown> {
  const { service } = details;
  return {
    organizationName: service.organization_name,
    name: service.name,
    description: service.description,
    categories: service.categories,
    needs: service.needs,
    minimumAge: service.minimum_age ?? '',
    maximumAge: service.maximum_age ?? '',
    cost: service.cost,
    costPounds: service.cost_pence === null ? '' : (service.cost_pence / 100).toFixed(2),
    costNote: service.cost_note ?? '',
    referralMethod: service.referral_method,
    referralEmail: service.referral_email ?? '',
    referralUrl: service.referral_url ?? '',
    waitingWeeks: service.waiting_weeks ?? '',
    takingReferrals: service.taking_referrals ? 'yes' : 'no',
    scheduleText: describedSchedule(details)?.description ?? '',
    postcode: details.locations[0]?.postcode ?? '',
    contactEmail: details.contacts[0]?.email ?? '',
    inclusionNote: service.inclusion_note ?? '',
    public: service.public ? 'yes' : '',
  };
}

/** The organisation of that name in this scheme's directory, made if it is new. */
async function organizationNamed(tx: CallerTransaction, name: string): Promise<string> {
  const existing = await tx.db
    .selectFrom('directory_organizations')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .orderBy('created_at')
    .executeTakeFirst();
  if (existing) return existing.id;
  const made = await tx.db.insertInto('directory_organizations').values({ org_id: tx.caller.orgId, name }).returning('id').executeTakeFirstOrThrow();
  return made.id;
}

const serviceColumns = (form: ServiceForm, organizationId: string) => ({
  organization_id: organizationId,
  name: form.name,
  description: form.description,
  categories: form.categories,
  needs: form.needs,
  minimum_age: form.minimumAge,
  maximum_age: form.maximumAge,
  cost: form.cost,
  cost_pence: form.costPence,
  cost_note: form.costNote || null,
  referral_method: form.referralMethod,
  referral_email: form.referralEmail || null,
  referral_url: form.referralUrl || null,
  waiting_weeks: form.waitingWeeks,
  taking_referrals: form.takingReferrals === 'yes',
  inclusion_note: form.inclusionNote || null,
  public: form.public,
});

/** Adds a service, or changes one; saving counts as checking it. Undefined when the service is not the caller's to change. */
export async function saveService(tx: CallerTransaction, form: ServiceForm, serviceId?: string): Promise<string | undefined> {
  const organizationId = await organizationNamed(tx, form.organizationName);
  let id = serviceId;
  if (id) {
    const updated = await tx.db.updateTable('directory_services').set(serviceColumns(form, organizationId)).where('id', '=', id).returning('id').executeTakeFirst();
    if (!updated) return undefined;
  } else {
    id = (await tx.db.insertInto('directory_services').values({ org_id: tx.caller.orgId, ...serviceColumns(form, organizationId) }).returning('id').executeTakeFirstOrThrow()).id;
  }
  await saveSchedule(tx, id, form.scheduleText);
  await saveVenuePostcode(tx, id, form.postcode);
  await saveContactEmail(tx, id, form.contactEmail);
  await markChecked(tx, id);
  return id;
}

async function saveSchedule(tx: CallerTransaction, serviceId: string, description: string): Promise<void> {
  const first = await tx.db.selectFrom('directory_schedules').select('id').where('service_id', '=', serviceId).orderBy('id').executeTakeFirst();
  if (first) await tx.db.updateTable('directory_schedules').set({ description: description || null }).where('id', '=', first.id).execute();
  else if (description) await tx.db.insertInto('directory_schedules').values({ org_id: tx.caller.orgId, service_id: serviceId, description }).execute();
}

/**
 * The venue's postcode, on the service's first location. Coordinates come from another location
 * at the same postcode when the directory knows one, so distances work for entries typed by hand.
 */
async function saveVenuePostcode(tx: CallerTransaction, serviceId: string, typed: string): Promise<void> {
  const postcode = normalisePostcode(typed);
  if (!postcode) return;
  const known = await tx.db
    .selectFrom('directory_locations')
    .select(['latitude', 'longitude'])
    .where('postcode', '=', postcode)
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .executeTakeFirst();
  const position = { latitude: known?.latitude ?? null, longitude: known?.longitude ?? null };
  const current = await tx.db.selectFrom('directory_service_at_locations').select('location_id').where('service_id', '=', serviceId).orderBy('id').executeTakeFirst();
  if (current) {
    await tx.db.updateTable('directory_locations').set({ postcode, ...position }).where('id', '=', current.location_id).where('postcode', 'is distinct from', postcode).execute();
    return;
  }
  const location = await tx.db.insertInto('directory_locations').values({ org_id: tx.caller.orgId, postcode, ...position }).returning('id').executeTakeFirstOrThrow();
  await tx.db.insertInto('directory_service_at_locations').values({ org_id: tx.caller.orgId, service_id: serviceId, location_id: location.id }).execute();
}

async function saveContactEmail(tx: CallerTransaction, serviceId: string, email: string): Promise<void> {
  const first = await tx.db.selectFrom('directory_contacts').select('id').where('service_id', '=', serviceId).orderBy('id').executeTakeFirst();
  if (first) await tx.db.updateTable('directory_contacts').set({ email: email || null }).where('id', '=', first.id).execute();
  else if (email) await tx.db.insertInto('directory_contacts').values({ org_id: tx.caller.orgId, service_id: serviceId, email }).execute();
}
