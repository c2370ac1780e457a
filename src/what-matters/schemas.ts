import { z } from 'zod';
import { codesOf, optionalText, ticked } from '../plans/index.ts';
import { BARRIERS, INTERESTS, NEEDS_AND_CONCERNS } from './codes.ts';

export const NOTE_MAX_LENGTH = 1000;

export const assessmentForm = z.object({
  interests: ticked(codesOf(INTERESTS)),
  interestsNote: optionalText(NOTE_MAX_LENGTH, 'Interests note'),
  strengths: optionalText(NOTE_MAX_LENGTH, 'Strengths'),
  whatMatters: optionalText(NOTE_MAX_LENGTH, 'What matters to them'),
  needs: ticked(codesOf(NEEDS_AND_CONCERNS)),
  concernsNote: optionalText(NOTE_MAX_LENGTH, 'Needs and concerns note'),
  wantToChange: optionalText(NOTE_MAX_LENGTH, 'What they want to change'),
  barriers: ticked(codesOf(BARRIERS)),
  barriersNote: optionalText(NOTE_MAX_LENGTH, 'Barriers note'),
});

export type AssessmentInput = z.output<typeof assessmentForm>;
