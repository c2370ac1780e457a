import type { Assessment } from './queries.ts';
import { BARRIERS, INTERESTS, labelsOf, NEEDS_AND_CONCERNS } from './codes.ts';

const choices = (labels: Record<string, string>) => Object.entries(labels).map(([value, text]) => ({ value, text }));

/** The coded lists the form offers, as checkbox items. */
export const ASSESSMENT_CHOICES = {
  interests: choices(INTERESTS),
  needs: choices(NEEDS_AND_CONCERNS),
  barriers: choices(BARRIERS),
};

/** What the record page shows: each coded answer as its labels, each note as written. */
export function presentAssessment(assessment: Assessment) {
  return {
    interests: labelsOf(assessment.interests, INTERESTS),
    interestsNote: assessment.interests_note,
    strengths: assessment.strengths,
    whatMatters: assessment.what_matters,
    needs: labelsOf(assessment.needs, NEEDS_AND_CONCERNS),
    concernsNote: assessment.concerns_note,
    wantToChange: assessment.want_to_change,
    barriers: labelsOf(assessment.barriers, BARRIERS),
    barriersNote: assessment.barriers_note,
    updatedAt: assessment.updated_at,
  };
}

/** The form filled with what was saved, named as the form's fields. */
export function assessmentValues(assessment: Assessment | undefined): Record<string, unknown> {
  if (!assessment) return {};
  return {
    interests: assessment.interests,
    interestsNote: assessment.interests_note,
    strengths: assessment.strengths,
    whatMatters: assessment.what_matters,
    needs: assessment.needs,
    concernsNote: assessment.concerns_note,
    wantToChange: assessment.want_to_change,
    barriers: assessment.barriers,
    barriersNote: assessment.barriers_note,
  };
}
