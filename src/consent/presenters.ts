import { formatUkDate } from '../platform/views/render.ts';
import { dateParts } from '../platform/http/date-field.ts';
import type { ConsentRecord } from './queries.ts';
import { CONSENT_GIVERS, SHARE_PARTIES } from './schemas.ts';

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });

/** Who the information may go to, in the words the form used. */
function sharedWith(consent: ConsentRecord): string {
  const parties = [
    consent.share_with_referrer && SHARE_PARTIES.referrer,
    consent.share_with_gp && SHARE_PARTIES.gp,
    consent.share_with_school && SHARE_PARTIES.school,
    consent.share_with_parent_carer && SHARE_PARTIES.parent_carer,
  ].filter((party): party is (typeof SHARE_PARTIES)[keyof typeof SHARE_PARTIES] => Boolean(party));
  return parties.length ? parties.join(', ') : 'No one';
}

function givenBy(consent: ConsentRecord): string {
  const who = CONSENT_GIVERS[consent.given_by];
  return consent.given_by_name ? `${who}: ${consent.given_by_name}` : who;
}

/** Summary-list rows for one consent record: what was agreed, by whom, when, and any withdrawal. */
export function consentRows(consent: ConsentRecord) {
  return [
    row('Support from the service', yesNo(consent.to_service)),
    row('Information may be shared with', sharedWith(consent)),
    row('Research', yesNo(consent.research)),
    row('Given by', givenBy(consent)),
    ...(consent.competence_note ? [row('How competence was assessed', consent.competence_note)] : []),
    row('What they were told', consent.what_they_were_told),
    row('Date given', formatUkDate(consent.given_on)),
    row('Recorded by', consent.recorded_by_name ?? 'Not known'),
    ...(consent.withdrawn_on ? [row('Withdrawn on', formatUkDate(consent.withdrawn_on)), row('What they said', consent.withdrawal_note ?? '')] : []),
  ];
}

/** The form's fields filled from the consent in force, so a change starts from what is agreed now. */
export function consentFormValues(consent: Omit<ConsentRecord, 'recorded_by_name'> | undefined) {
  if (!consent || consent.withdrawn_on) return { givenOn: dateParts(null) };
  return {
    toService: consent.to_service ? 'yes' : 'no',
    share: [
      consent.share_with_referrer && 'referrer',
      consent.share_with_gp && 'gp',
      consent.share_with_school && 'school',
      consent.share_with_parent_carer && 'parent_carer',
    ].filter(Boolean),
    research: consent.research ? 'yes' : 'no',
    givenBy: consent.given_by,
    givenByName: consent.given_by_name,
    competenceNote: consent.competence_note,
    whatTheyWereTold: consent.what_they_were_told,
    // A change is agreed on its own day: the date is asked for again.
    givenOn: dateParts(null),
  };
}

/** A checkbox field posts a string for one tick and an array for several; the form wants a list. */
export function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value ? [value] : [];
}
