import type { Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { DEMO_SERVICES, POSTCODE_AREAS, type DemoService } from './names.ts';

/** The demo's repeatable pseudo-random sequence. */
export interface DemoRandom {
  next: () => number;
  pick: <T>(items: readonly T[]) => T;
  between: (min: number, max: number) => number;
}

const BATCH = 500;
const DAY_MS = 86_400_000;

const PRIVATE_NOTES = [
  'Staff came out to meet us at the door: a good first step for anyone anxious.',
  'Busy and loud on the first visit; suggest arriving early when it is quieter.',
  'The lead remembers names and checks in after a missed week.',
];

async function insertInBatches<Row>(rows: Row[], insert: (batch: Row[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await insert(rows.slice(start, start + BATCH));
}

/**
 * Seeds `count` directory services for the demo scheme: the templates first, then repeats in
 * other areas (for the benchmark's large directories). Each service has its organisation, a
 * venue, a weekly schedule and, for email referrals, a contact.
 */
export async function seedDemoDirectory(
  trx: Transaction<Database>,
  orgId: string,
  count: number,
  checkers: string[],
  random: DemoRandom,
): Promise<void> {
  if (count === 0) return;
  const providers = [...new Set(DEMO_SERVICES.map((service) => service.provider))];
  const organizations = await trx
    .insertInto('directory_organizations')
    .values(providers.map((name) => ({ org_id: orgId, name, description: `${name} runs activities for young people.` })))
    .returning(['id', 'name'])
    .execute();
  const organizationOf = new Map(organizations.map((row) => [row.name, row.id]));

  const today = Date.now();
  const planned = Array.from({ length: count }, (_, index) => {
    const template = DEMO_SERVICES[index % DEMO_SERVICES.length]!;
    const round = Math.floor(index / DEMO_SERVICES.length);
    const area = round === 0 ? null : random.pick(POSTCODE_AREAS);
    return { template, index, area, name: area ? `${template.name} (${area})` : template.name };
  });

  const services: { id: string }[] = [];
  await insertInBatches(planned, async (batch) => {
    const rows = await trx
      .insertInto('directory_services')
      .values(batch.map(({ template, name, index }) => serviceRow(orgId, organizationOf.get(template.provider)!, name, template, index, today, checkers, random)))
      .returning(['id'])
      .execute();
    services.push(...rows);
  });

  const locations: { id: string; postcode: string | null }[] = [];
  await insertInBatches(planned, async (batch) => {
    const rows = await trx
      .insertInto('directory_locations')
      .values(
        batch.map(({ template, area }) => ({
          org_id: orgId,
          name: template.venue,
          postcode: area ? `${area} ${template.postcode.split(' ')[1]}` : template.postcode,
          // Repeats are scattered a short way around the original venue.
          latitude: template.at[0] + (area ? (random.next() - 0.5) * 0.05 : 0),
          longitude: template.at[1] + (area ? (random.next() - 0.5) * 0.08 : 0),
        })),
      )
      .returning(['id', 'postcode'])
      .execute();
    locations.push(...rows);
  });

  const pairs = planned.map((plan, index) => ({ plan, serviceId: services[index]!.id, location: locations[index]! }));
  await insertInBatches(pairs, (batch) =>
    trx
      .insertInto('directory_addresses')
      .values(batch.map(({ plan, location }) => ({
        org_id: orgId,
        location_id: location.id,
        address_1: plan.template.venue,
        city: 'Leeds',
        state_province: 'West Yorkshire',
        postal_code: location.postcode ?? plan.template.postcode,
      })))
      .execute(),
  );
  const serviceAtLocations: { id: string }[] = [];
  await insertInBatches(pairs, async (batch) => {
    const rows = await trx
      .insertInto('directory_service_at_locations')
      .values(batch.map(({ serviceId, location }) => ({ org_id: orgId, service_id: serviceId, location_id: location.id })))
      .returning(['id'])
      .execute();
    serviceAtLocations.push(...rows);
  });
  await insertInBatches(
    pairs.map((pair, index) => ({ ...pair, serviceAtLocationId: serviceAtLocations[index]!.id })),
    (batch) =>
      trx
        .insertInto('directory_schedules')
        .values(batch.map(({ plan, serviceId, serviceAtLocationId }) => ({
          org_id: orgId,
          service_id: serviceId,
          service_at_location_id: serviceAtLocationId,
          freq: 'WEEKLY' as const,
          interval: 1,
          byday: plan.template.days,
          opens_at: plan.template.hours[0],
          closes_at: plan.template.hours[1],
          description: `Weekly, ${plan.template.hours[0]} to ${plan.template.hours[1]}.`,
        })))
        .execute(),
  );
  const emailed = pairs.filter(({ plan }) => plan.template.refer === 'email');
  await insertInBatches(emailed, (batch) =>
    trx
      .insertInto('directory_contacts')
      .values(batch.map(({ plan, serviceId }) => ({ org_id: orgId, service_id: serviceId, name: 'Activity lead', title: 'Youth worker', email: contactEmail(plan.template) })))
      .execute(),
  );
  const noted = pairs.filter((_, index) => index % 4 === 0 && checkers.length > 0);
  await insertInBatches(noted, (batch) =>
    trx
      .insertInto('directory_private_notes')
      .values(batch.map(({ serviceId }) => ({ org_id: orgId, service_id: serviceId, note: random.pick(PRIVATE_NOTES), written_by: random.pick(checkers) })))
      .execute(),
  );
}

function contactEmail(template: DemoService): string {
  return `hello@${template.provider.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.org`;
}

function serviceRow(
  orgId: string,
  organizationId: string,
  name: string,
  template: DemoService,
  index: number,
  today: number,
  checkers: string[],
  random: DemoRandom,
) {
  const checked = checkers.length > 0 && random.next() < 0.9;
  return {
    org_id: orgId,
    organization_id: organizationId,
    name,
    description: template.description,
    categories: template.categories,
    needs: template.needs,
    minimum_age: template.ages[0],
    maximum_age: template.ages[1],
    cost: template.pence ? ('paid' as const) : ('free' as const),
    cost_pence: template.pence ?? null,
    cost_note: template.pence ? 'per session; ask about free places' : null,
    referral_method: template.refer,
    referral_email: template.refer === 'email' ? contactEmail(template) : null,
    referral_url: template.refer === 'online_form' ? `https://${template.provider.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.org/join` : null,
    waiting_weeks: template.waitingWeeks,
    taking_referrals: index % 7 !== 6,
    inclusion_tags: template.inclusion,
    // One in ten is kept off the public feed, as a scheme might for a service it shares only with partners.
    public: index % 10 !== 9,
    last_checked_at: checked ? new Date(today - random.between(1, 200) * DAY_MS) : null,
    last_checked_by: checked ? random.pick(checkers) : null,
  };
}
