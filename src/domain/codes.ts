import type { ContactMethod, ContactOutcome, DeclineCategory, Rating, ReferralRoute, ReferralStatus, ReferrerType } from '../platform/db/tables/referrals.ts';

/** Coded lists the referral forms, triage and reports share. Labels are what people read. */

export const ROUTES: Record<ReferralRoute, string> = {
  professional: 'A professional (GP, school, CAMHS, social care, youth justice, youth work)',
  parent_carer: 'A parent or carer, on behalf of a young person',
  self: 'A young person, for themselves',
};

export const REFERRER_TYPES: Record<ReferrerType, string> = {
  gp: 'GP or GP practice',
  school: 'School or college',
  camhs: 'CAMHS',
  social_care: 'Social care',
  youth_justice: 'Youth justice',
  youth_work: 'Youth work',
  other: 'Other',
};

export const NEEDS: Record<string, string> = {
  low_mood: 'Low mood',
  anxiety: 'Anxiety or worry',
  loneliness: 'Loneliness or isolation',
  school_pressure: 'Pressure at school or college',
  bullying: 'Bullying',
  family: 'Family difficulties',
  money: 'Money worries',
  housing: 'Housing',
  confidence: 'Low confidence or self-esteem',
  anger: 'Anger',
  bereavement: 'Bereavement or loss',
  identity: 'Identity (for example gender or sexuality)',
  physical_activity: 'Wanting to be more active',
  substance_use: 'Drugs or alcohol',
  other: 'Something else',
};

export const RATING_LABELS: Record<Rating, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  new: 'New',
  discuss: 'To discuss at allocation',
  accepted: 'Accepted',
  declined: 'Declined',
  closed: 'Closed',
};

export const CONTACT_METHODS: Record<ContactMethod, string> = {
  phone: 'Phone call',
  text: 'Text message',
  letter: 'Letter',
  email: 'Email',
  via_school: 'Through school or college',
  in_person: 'In person',
};

export const CONTACT_OUTCOMES: Record<ContactOutcome, string> = {
  no_answer: 'No answer',
  left_message: 'Left a message',
  wrong_number: 'Wrong number or address',
  declined: 'They do not want support',
  made_contact: 'Made contact',
};

/** Why a referral was declined, counted in the referrer insight so the scheme knows whom to help refer better. */
export const DECLINE_CATEGORIES: Record<DeclineCategory, string> = {
  needs_clinical_mental_health: 'Needs a clinical mental health service',
  active_safeguarding: 'Needs children’s services first (safeguarding)',
  outside_age_or_area: 'Outside our age range or area',
  young_person_did_not_agree: 'The young person did not know about or agree to the referral',
  better_served_elsewhere: 'Another service is a better fit',
  other: 'Something else',
};

/** SNOMED CT codes recorded on the timeline. */
export const SNOMED = {
  referredToSocialPrescribing: '871731000000106',
  socialPrescribingDeclined: '871711000000103',
} as const;
