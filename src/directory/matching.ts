import { categoryLabel } from './codes.ts';
import { checkedInWords, daysSince, isStale } from './freshness.ts';
import { NEEDS } from '../domain/codes.ts';

/**
 * Ranking community services for one young person. Pure: the database finds a shortlist (right
 * scheme, right age, overlapping categories or needs), this decides the order and says why, so a
 * link worker can judge a suggestion rather than trust a number.
 */

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** What the "what matters to me" conversation says about the young person, plus where they live. */
export interface SeekerProfile {
  /** Category codes (creative, social, indoor, self_care, sports, vocational_educational). */
  interests: readonly string[];
  /** Need codes from the referral needs list. */
  needs: readonly string[];
  age: number | null;
  /** Their postcode's centroid, when it is known. */
  home: Coordinates | null;
  /** Barrier codes: confidence, cost, travel, anxiety_about_groups, other. */
  barriers: readonly string[];
}

export interface CandidateService {
  id: string;
  name: string;
  categories: readonly string[];
  needs: readonly string[];
  minimumAge: number | null;
  maximumAge: number | null;
  /** Null when the cost is not known. */
  free: boolean | null;
  /** Where it happens; the nearest of several locations is used. */
  locations: readonly Coordinates[];
  /** Current waiting time in days; null when not known. */
  waitingDays: number | null;
  /** Null when not known. */
  takingPeopleNow: boolean | null;
  lastCheckedAt: Date | null;
}

export interface MatchSettings {
  now: Date;
  staleAfterDays: number;
}

export type ReasonKind = 'for' | 'against' | 'neutral';

export interface Reason {
  kind: ReasonKind;
  text: string;
}

export interface RankedService<Service extends CandidateService = CandidateService> {
  service: Service;
  score: number;
  reasons: Reason[];
  /** Null when either end has no coordinates. */
  miles: number | null;
}

// Weights: what the young person cares about (interests, needs) outweighs everything practical;
// practical fit (age, cost, distance, waiting) separates otherwise equal suggestions.
const WEIGHTS = {
  interest: 20,
  need: 25,
  ageFits: 8,
  free: 4,
  freeWhenCostIsABarrier: 18,
  paidWhenCostIsABarrier: -15,
  nearby: 12,
  nearbyWhenTravelIsABarrier: 30,
  takingPeopleNow: 8,
  notTakingPeople: -30,
  noWait: 5,
  waitPerWeek: -2,
  longestWaitPenalty: -20,
  checkedRecently: 4,
  stale: -12,
} as const;

/** Distance at which the nearness bonus has fallen to nothing. */
const NEARBY_MILES = 10;
const FAR_WHEN_TRAVEL_IS_A_BARRIER_MILES = 5;
const EARTH_RADIUS_MILES = 3958.8;

export function haversineMiles(from: Coordinates, to: Coordinates): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function milesInWords(miles: number): string {
  if (miles < 0.25) return 'Less than a quarter of a mile away';
  if (miles < 10) return `About ${miles.toFixed(1)} miles away`;
  return `About ${Math.round(miles)} miles away`;
}

export function waitInWords(days: number): string {
  if (days <= 0) return 'No waiting list';
  if (days < 14) return `Waiting time about ${days} ${days === 1 ? 'day' : 'days'}`;
  return `Waiting time about ${Math.round(days / 7)} weeks`;
}

/** Whether the young person's age is within the service's range; null when either is not known. */
export function ageFits(age: number | null, minimumAge: number | null, maximumAge: number | null): boolean | null {
  if (age === null || (minimumAge === null && maximumAge === null)) return null;
  return (minimumAge === null || age >= minimumAge) && (maximumAge === null || age <= maximumAge);
}

function nearestMiles(home: Coordinates | null, locations: readonly Coordinates[]): number | null {
  if (!home || locations.length === 0) return null;
  return Math.min(...locations.map((location) => haversineMiles(home, location)));
}

const needLabel = (code: string) => (NEEDS[code] ?? code).toLowerCase();

/** The score and reasons for one service; undefined when it cannot be suggested (outside the age range). */
export function scoreService<Service extends CandidateService>(profile: SeekerProfile, service: Service, settings: MatchSettings): RankedService<Service> | undefined {
  const fitsAge = ageFits(profile.age, service.minimumAge, service.maximumAge);
  if (fitsAge === false) return undefined;
  const reasons: Reason[] = [];
  let score = 0;
  const add = (points: number, kind: ReasonKind, text: string) => {
    score += points;
    reasons.push({ kind, text });
  };
  const barrier = (code: string) => profile.barriers.includes(code);

  for (const interest of profile.interests.filter((code) => service.categories.includes(code))) {
    add(WEIGHTS.interest, 'for', `Matches interest: ${categoryLabel(interest).toLowerCase()}`);
  }
  for (const need of profile.needs.filter((code) => service.needs.includes(code))) {
    add(WEIGHTS.need, 'for', `Helps with ${needLabel(need)}`);
  }
  if (fitsAge) add(WEIGHTS.ageFits, 'for', `Suitable for age ${profile.age}`);

  if (service.free === true) add(barrier('cost') ? WEIGHTS.freeWhenCostIsABarrier : WEIGHTS.free, 'for', 'Free');
  else if (service.free === false) {
    if (barrier('cost')) add(WEIGHTS.paidWhenCostIsABarrier, 'against', 'Costs money, and cost is a barrier');
    else reasons.push({ kind: 'neutral', text: 'Costs money' });
  }

  const miles = nearestMiles(profile.home, service.locations);
  if (miles !== null) {
    const weight = barrier('travel') ? WEIGHTS.nearbyWhenTravelIsABarrier : WEIGHTS.nearby;
    const points = weight * Math.max(0, 1 - miles / NEARBY_MILES);
    const tooFar = barrier('travel') && miles > FAR_WHEN_TRAVEL_IS_A_BARRIER_MILES;
    add(points, tooFar ? 'against' : points > 0 ? 'for' : 'neutral', `${milesInWords(miles)}${tooFar ? ', and travel is a barrier' : ''}`);
  }

  if (service.takingPeopleNow === true) add(WEIGHTS.takingPeopleNow, 'for', 'Taking people now');
  else if (service.takingPeopleNow === false) add(WEIGHTS.notTakingPeople, 'against', 'Not taking new people at the moment');
  if (service.waitingDays !== null) {
    if (service.waitingDays <= 0) add(WEIGHTS.noWait, 'for', waitInWords(0));
    else add(Math.max(WEIGHTS.longestWaitPenalty, (WEIGHTS.waitPerWeek * service.waitingDays) / 7), 'against', waitInWords(service.waitingDays));
  }

  const checked = checkedInWords(service.lastCheckedAt, settings.now);
  if (isStale(service.lastCheckedAt, settings.staleAfterDays, settings.now)) add(WEIGHTS.stale, 'against', `${checked}: details may be out of date`);
  else add(WEIGHTS.checkedRecently * freshnessShare(service.lastCheckedAt!, settings), 'neutral', checked);

  return { service, score: Math.round(score * 10) / 10, reasons, miles };
}

/** 1 for an entry checked today, falling to 0 at the stale limit: fresher entries edge ahead. */
function freshnessShare(lastCheckedAt: Date, settings: MatchSettings): number {
  return settings.staleAfterDays <= 0 ? 0 : 1 - daysSince(lastCheckedAt, settings.now) / settings.staleAfterDays;
}

/** Services best first; ties go to the nearer, then by name, so the order is stable. */
export function rankServices<Service extends CandidateService>(profile: SeekerProfile, services: readonly Service[], settings: MatchSettings, limit = 20): RankedService<Service>[] {
  return services
    .map((service) => scoreService(profile, service, settings))
    .filter((ranked): ranked is RankedService<Service> => ranked !== undefined)
    .sort((a, b) => b.score - a.score || (a.miles ?? Infinity) - (b.miles ?? Infinity) || a.service.name.localeCompare(b.service.name))
    .slice(0, limit);
}
