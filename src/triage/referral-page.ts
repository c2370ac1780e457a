import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../platform/http/errors.ts';
import { formatUkDateTime } from '../platform/views/render.ts';
import type { FormErrors } from '../platform/http/forms.ts';
import type { ReferralStatus } from '../platform/db/tables/referrals.ts';
import { DECLINE_CATEGORIES, REFERRER_TYPES, STATUS_LABELS } from '../domain/codes.ts';
import { displayName, stageTag } from '../young-people/index.ts';
import { answerSections, needsList, riskAnswers } from './answers.ts';
import { daysWaiting, eligibility, ratingTag, referredBy, ROUTE_SHORT_LABELS, type AgeRange } from './presenters.ts';
import { findReferral, OPEN_FOR_TRIAGE, possibleMatches, schemeSettings, type ReferralDetails } from './queries.ts';
import { trackingLinkState } from './tracking-link.ts';
import { reasonsText } from './matching.ts';
import { catchmentFlags, type Catchment } from './catchment-check.ts';
import { riskQuestionsOf } from '../scheme-settings/index.ts';

type RiskWordingVersion = Awaited<ReturnType<typeof riskQuestionsOf>>;

const STATUS_TAG_COLOURS: Record<ReferralStatus, string> = { new: 'blue', discuss: 'orange', accepted: 'green', declined: 'grey', closed: 'grey' };

type Matches = Awaited<ReturnType<typeof possibleMatches>>;

interface Settings extends AgeRange, Catchment {
  inclusion_criteria: string;
  exclusion_criteria: string;
}

const NOTICES: Record<string, string> = {
  accepted: 'Referral accepted. They are now waiting for a link worker.',
  discuss: 'Referral marked to discuss at the allocation meeting.',
  declined: 'Referral declined.',
  acknowledged: 'Red referral acknowledged.',
  'tracking-stopped': 'The tracking link has been stopped. The referrer can no longer open it.',
  'already-decided': 'Someone else decided this referral before you saved. Nothing was changed.',
};

export function noticeFrom(query: unknown): string | undefined {
  const notice = (query as { notice?: unknown } | undefined)?.notice;
  return typeof notice === 'string' ? NOTICES[notice] : undefined;
}

function receivedText(submittedAt: Date): string {
  const days = daysWaiting(submittedAt);
  return `${formatUkDateTime(submittedAt)}, ${days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`}`;
}

/** Everything the referral page shows, in the order a manager reads it before deciding. */
export function referralPage(referral: ReferralDetails, settings: Settings, matches: Matches, wording: RiskWordingVersion) {
  const { sections, other } = answerSections(referral.answers);
  const needs = needsList(referral.needs);
  if (needs.length) sections.find((section) => section.heading === 'Needs')?.rows.unshift({ label: 'Needs', text: needs.join(', ') });
  return {
    pageTitle: `Referral ${referral.reference}`,
    backHref: '/triage',
    referral,
    name: displayName(referral),
    ratingTag: ratingTag(referral.rating),
    statusTag: { text: STATUS_LABELS[referral.status], colour: STATUS_TAG_COLOURS[referral.status] },
    isOpen: (OPEN_FOR_TRIAGE as readonly string[]).includes(referral.status),
    redNeedsAcknowledging: referral.rating === 'red' && !referral.red_acknowledged_at,
    eligibility: eligibility(referral.date_of_birth, settings),
    catchment: catchmentFlags(referral, settings),
    settings,
    received: receivedText(referral.submitted_at),
    route: ROUTE_SHORT_LABELS[referral.route],
    referredBy: referredBy(referral),
    referrerType: referral.referrer_type ? REFERRER_TYPES[referral.referrer_type] : undefined,
    risks: riskAnswers(referral.answers, wording.questions),
    riskQuestionsVersion: wording.version,
    sections,
    otherAnswers: other,
    trackingLink: trackingLinkState(referral),
    declineCategory: referral.decline_category ? DECLINE_CATEGORIES[referral.decline_category] : undefined,
    matchingPeople: matches.people.map(({ row, reasons }) => ({ ...row, name: displayName(row), stageTag: stageTag(row.stage), why: reasonsText(reasons) })),
    matchingReferrals: matches.referrals.map(({ row, reasons }) => ({ ...row, name: displayName(row), status: STATUS_LABELS[row.status], why: reasonsText(reasons) })),
  };
}

const REFERRAL_PAGE = 'triage/views/referral.njk';

/** The referral page, also shown again (with the errors) when a decision's form has a mistake. */
export async function renderReferral(request: FastifyRequest, reply: FastifyReply, id: string, extras: { errors?: FormErrors; values?: Record<string, unknown> } = {}) {
  const found = await request.data.run(async (tx) => {
    const referral = await findReferral(tx, id);
    if (!referral) return undefined;
    return {
      referral,
      settings: await schemeSettings(tx),
      matches: await possibleMatches(tx, referral),
      wording: await riskQuestionsOf(tx, referral.risk_questions_version_id),
    };
  });
  if (!found) throw new NotFoundError();
  return reply.render(REFERRAL_PAGE, {
    ...referralPage(found.referral, found.settings, found.matches, found.wording),
    notice: noticeFrom(request.query),
    values: extras.values ?? {},
    errors: extras.errors,
  });
}
