import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { belongsToYoungPerson } from '../platform/db/caller-data.ts';
import { rankServices, type CandidateService, type Coordinates, type SeekerProfile } from './matching.ts';
import { postcodeDistrict, postcodeSector, normalisePostcode } from './postcodes.ts';

/** How many services the database hands over for ranking: enough that the best are among them. */
export const SHORTLIST_SIZE = 400;
export const SUGGESTIONS_SHOWN = 15;

/** The open episode's "what matters to me" answers, read through the audited path. */
export async function assessmentOf(tx: CallerTransaction, youngPersonId: string, episodeId: string) {
  return tx.readOnePersonal({ action: 'view', recordType: 'assessments', identify: belongsToYoungPerson }, (db) =>
    db
      .selectFrom('assessments')
      .select(['id', 'young_person_id', 'interests', 'needs', 'barriers'])
      .where('young_person_id', '=', youngPersonId)
      .where('episode_id', '=', episodeId)
      .executeTakeFirst(),
  );
}

/**
 * A stand-in for the centroid of a postcode: the average position of directory venues at the same
 * postcode, else in the same sector, else in the same district. Undefined when none is known.
 */
export async function postcodeCentroid(tx: CallerTransaction, postcode: string | null): Promise<Coordinates | null> {
  const full = postcode ? normalisePostcode(postcode) : undefined;
  const district = full && postcodeDistrict(full);
  const sector = full && postcodeSector(full);
  if (!full || !district || !sector) return null;
  const result = await sql<{ level: number; latitude: number; longitude: number }>`
    select case when postcode = ${full} then 1 when postcode like ${`${sector}%`} then 2 else 3 end as level,
           avg(latitude) as latitude, avg(longitude) as longitude
    from directory_locations
    where postcode like ${`${district} %`} and latitude is not null and longitude is not null
    group by 1 order by 1 limit 1`.execute(tx.db);
  const best = result.rows[0];
  return best ? { latitude: Number(best.latitude), longitude: Number(best.longitude) } : null;
}

interface ShortlistRow {
  id: string;
  name: string;
  organization_name: string;
  categories: string[];
  needs: string[];
  minimum_age: number | null;
  maximum_age: number | null;
  cost: 'free' | 'paid';
  cost_pence: number | null;
  waiting_weeks: number | null;
  taking_referrals: boolean;
  last_checked_at: Date | null;
  positions: { latitude: number; longitude: number }[] | null;
}

export type SuggestedService = CandidateService & { organizationName: string; costPence: number | null };

/**
 * Active services of the right age that share an interest category or a need, freshest first when
 * there are more than the shortlist holds, each with its venues' positions in the same query.
 */
async function shortlist(tx: CallerTransaction, profile: SeekerProfile): Promise<SuggestedService[]> {
  const hasTopics = profile.interests.length > 0 || profile.needs.length > 0;
  const result = await sql<ShortlistRow>`
    select s.id, s.name, o.name as organization_name, s.categories, s.needs, s.minimum_age, s.maximum_age, s.cost, s.cost_pence,
           s.waiting_weeks, s.taking_referrals, s.last_checked_at,
           (select json_agg(json_build_object('latitude', l.latitude, 'longitude', l.longitude))
              from directory_service_at_locations sl
              join directory_locations l on l.org_id = sl.org_id and l.id = sl.location_id
             where sl.org_id = s.org_id and sl.service_id = s.id and l.latitude is not null and l.longitude is not null) as positions
    from directory_services s
    join directory_organizations o on o.org_id = s.org_id and o.id = s.organization_id
    where s.status = 'active'
      and (${profile.age}::integer is null or ((s.minimum_age is null or s.minimum_age <= ${profile.age}::integer)
                                                and (s.maximum_age is null or s.maximum_age >= ${profile.age}::integer)))
      and (not ${hasTopics} or s.categories && ${profile.interests}::text[] or s.needs && ${profile.needs}::text[])
    order by s.last_checked_at desc nulls last, s.id
    limit ${SHORTLIST_SIZE}`.execute(tx.db);
  return result.rows.map((row) => ({
    id: row.id,
    name: row.name,
    organizationName: row.organization_name,
    categories: row.categories,
    needs: row.needs,
    minimumAge: row.minimum_age,
    maximumAge: row.maximum_age,
    free: row.cost === 'free',
    costPence: row.cost_pence,
    locations: row.positions ?? [],
    waitingDays: row.waiting_weeks === null ? null : row.waiting_weeks * 7,
    takingPeopleNow: row.taking_referrals,
    lastCheckedAt: row.last_checked_at === null ? null : new Date(row.last_checked_at),
  }));
}

export async function suggestServices(tx: CallerTransaction, profile: SeekerProfile, staleAfterDays: number, now = new Date()) {
  return rankServices(profile, await shortlist(tx, profile), { now, staleAfterDays }, SUGGESTIONS_SHOWN);
}
