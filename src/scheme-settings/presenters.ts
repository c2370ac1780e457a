import type { Rating, RedirectServicesTable } from '../platform/db/tables/referrals.ts';
import { RATING_LABELS, ROUTES } from '../domain/codes.ts';
import { RISK_ANSWERS, RISK_QUESTIONS } from '../referrals/index.ts';
import type { RedirectServiceRow, RuleRow, SchemeSettings } from './queries.ts';
import { policyInWords } from '../data-rights/index.ts';

const RATING_COLOURS: Record<Rating, string> = { green: 'green', amber: 'orange', red: 'red' };

export function ratingTag(rating: Rating): { text: string; colour: string } {
  return { text: RATING_LABELS[rating], colour: RATING_COLOURS[rating] };
}

/** What each rating means at triage, in the words the rules page and rule form use. */
export const RATING_MEANINGS: Record<Rating, string> = {
  green: 'Social prescribing fits. The referral goes ahead as usual.',
  amber: 'Discuss at the allocation meeting before deciding.',
  red: 'Needs a statutory or clinical service first, such as crisis mental health support or children’s services.',
};

export const RATINGS = Object.keys(RATING_MEANINGS) as Rating[];

export const HOW_TO_REFER: Record<RedirectServicesTable['how_to_refer'], { text: string; hint: string }> = {
  link: { text: 'Through a web page', hint: 'People follow a link to the service’s own referral page.' },
  email: { text: 'By email', hint: 'People email the service.' },
  form: { text: 'With a form we attach', hint: 'People download a form, fill it in and send it as the form says.' },
};

// Rules that name a question or answer no longer asked still show, under their stored key.
const questionText = (key: string) => (RISK_QUESTIONS as Record<string, string>)[key] ?? key;
const answerText = (key: string) => (RISK_ANSWERS as Record<string, string>)[key] ?? key;
const orderOf = (record: object, key: string) => {
  const index = Object.keys(record).indexOf(key);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
};

/** Rules in the order the referral form asks the questions, so each question's answers sit together. */
export function presentRules(rules: readonly RuleRow[]) {
  return [...rules]
    .sort((a, b) => orderOf(RISK_QUESTIONS, a.question) - orderOf(RISK_QUESTIONS, b.question) || orderOf(RISK_ANSWERS, a.answer) - orderOf(RISK_ANSWERS, b.answer))
    .map((rule) => ({ ...rule, questionText: questionText(rule.question), answerText: answerText(rule.answer), tag: ratingTag(rule.rating) }));
}

export function howToReferText(service: Pick<RedirectServiceRow, 'how_to_refer' | 'link_url' | 'email' | 'form_file_name'>): string {
  switch (service.how_to_refer) {
    case 'link':
      return `Web page: ${service.link_url ?? ''}`;
    case 'email':
      return `Email: ${service.email ?? ''}`;
    case 'form':
      return `Attached form: ${service.form_file_name ?? 'none attached yet'}`;
  }
}

export function presentServices(services: readonly RedirectServiceRow[]) {
  return services.map((service) => ({
    ...service,
    howToReferText: howToReferText(service),
    tag: service.active ? { text: 'Offered', colour: 'green' } : { text: 'Deactivated', colour: 'grey' },
  }));
}

interface Card {
  heading: string;
  href: string;
  rows: { key: string; value: string }[];
}

const NOT_SET = 'Not set yet';
const orNotSet = (value: string) => value || NOT_SET;
const lines = (items: readonly string[], none: string) => (items.length ? items.join('\n') : none);

/** The settings overview: one card per settings page, each row what a referrer or triage will meet. */
export function overviewCards(settings: SchemeSettings, rules: readonly RuleRow[], services: readonly RedirectServiceRow[]): Card[] {
  const presentedRules = presentRules(rules);
  const offered = services.filter((service) => service.active);
  const deactivated = services.length - offered.length;
  return [
    {
      heading: 'Referral routes',
      href: '/settings/referral-routes',
      rows: [{ key: 'Who can refer', value: lines(settings.open_routes.map((route) => (ROUTES as Record<string, string>)[route] ?? route), 'No one') }],
    },
    {
      heading: 'Age range',
      href: '/settings/age-range',
      rows: [
        { key: 'Ages', value: `${settings.minimum_age} to ${settings.maximum_age}` },
        { key: 'Message to people outside it', value: settings.outside_age_message },
      ],
    },
    {
      heading: 'NHS identity',
      href: '/settings/identity',
      rows: [{ key: 'Run by an NHS organisation', value: settings.is_nhs_organisation ? 'Yes: pages show the NHS logo' : 'No: pages show the scheme’s name only' }],
    },
    {
      heading: 'Logo',
      href: '/settings/logo',
      rows: [{ key: 'Logo', value: settings.logo_content_type ? 'Uploaded: shown at the top of every page' : 'None: the scheme’s name alone' }],
    },
    {
      heading: 'Who we can help',
      href: '/settings/criteria',
      rows: [
        { key: 'Inclusion criteria', value: orNotSet(settings.inclusion_criteria) },
        { key: 'Exclusion criteria', value: orNotSet(settings.exclusion_criteria) },
      ],
    },
    {
      heading: 'Areas, GP practices and schools',
      href: '/settings/catchment',
      rows: [
        { key: 'Areas', value: settings.included_areas.join(', ') || 'Any' },
        { key: 'GP practices', value: settings.included_gp_practices.join(', ') || 'Any' },
        { key: 'Schools and colleges', value: settings.included_schools.join(', ') || 'Any' },
      ],
    },
    {
      heading: 'Text on the referral form',
      href: '/settings/public-form-text',
      rows: [
        { key: 'Privacy notice', value: orNotSet(settings.privacy_notice) },
        { key: 'What happens next', value: orNotSet(settings.what_happens_next) },
      ],
    },
    {
      heading: 'Contact policy',
      href: '/settings/contact-policy',
      rows: [
        { key: 'Contact attempts', value: `${settings.contact_attempts} attempts over ${settings.contact_window_working_days} working days` },
        { key: 'First contact within', value: `${settings.first_contact_target_working_days} working days` },
      ],
    },
    {
      heading: 'Streetlight rules',
      href: '/settings/streetlight',
      rows: [...RATINGS].reverse().map((rating) => {
        const matching = presentedRules.filter((rule) => rule.rating === rating).map((rule) => `${rule.questionText} ${rule.answerText}`);
        // Answers with no rule count as green, so the green row always says so.
        return { key: RATING_LABELS[rating], value: rating === 'green' ? [...matching, 'Every answer with no rule'].join('\n') : lines(matching, 'No rules') };
      }),
    },
    {
      heading: 'Redirect services',
      href: '/settings/redirect-services',
      rows: [
        ...offered.map((service) => ({ key: service.name, value: howToReferText(service) + (service.for_outside_age ? '\nOffered to people outside the age range' : '') })),
        ...(offered.length ? [] : [{ key: 'Offered', value: 'None' }]),
        ...(deactivated ? [{ key: 'Deactivated', value: `${deactivated} ${deactivated === 1 ? 'service' : 'services'}` }] : []),
      ],
    },
    {
      heading: 'Retention',
      href: '/settings/retention',
      rows: [{ key: 'Records kept', value: policyInWords({ yearsAfterDischarge: settings.retention_years_after_discharge, untilAge: settings.retention_until_age }) }],
    },
  ];
}
