import { z } from 'zod';
import { text } from '../../platform/http/form-fields.ts';
import type { MeasureDefinition, MeasureItem, ScoreRule } from '../scoring/definition.ts';
import { numberScale } from '../scoring/definitions/scales.ts';

/**
 * A scheme's own measure or personal outcome, made on one page: a name, an introduction and 1 to
 * 10 questions answered on the same scale, scored question by question or added up.
 */

export const MAX_QUESTIONS = 10;
export const BUILDER_LIMITS = { name: 100, introduction: 600, question: 300, endLabel: 40 } as const;
export const QUESTION_FIELDS = Array.from({ length: MAX_QUESTIONS }, (_, index) => `question${index + 1}`);

export const SCALES = {
  '0_10': { minimum: 0, maximum: 10, text: '0 to 10' },
  '1_5': { minimum: 1, maximum: 5, text: '1 to 5' },
} as const;
type ScaleCode = keyof typeof SCALES;

export const builderForm = z
  .object({
    name: text('Name', BUILDER_LIMITS.name, 'Enter the name of the measure'),
    introduction: text('Introduction', BUILDER_LIMITS.introduction),
    scale: z.enum(Object.keys(SCALES) as [ScaleCode, ...ScaleCode[]], { error: 'Select the scale the questions are answered on' }),
    lowestLabel: text('Words for the lowest answer', BUILDER_LIMITS.endLabel, 'Enter words for the lowest answer, like “Not at all”'),
    highestLabel: text('Words for the highest answer', BUILDER_LIMITS.endLabel, 'Enter words for the highest answer, like “Completely”'),
    scoring: z.enum(['item', 'sum'], { error: 'Select how the answers are scored' }),
    direction: z.enum(['higher_is_better', 'lower_is_better'], { error: 'Select whether a higher or a lower score is better' }),
    ...Object.fromEntries(QUESTION_FIELDS.map((field, index) => [field, text(`Question ${index + 1}`, BUILDER_LIMITS.question)])),
  })
  .refine((form) => questionsOf(form).length > 0, {
    path: ['question1'],
    message: 'Enter at least one question',
    // Checked whatever else is wrong, so every mistake is listed at once.
    when: () => true,
  })
  .transform((form) => ({ ...form, questions: questionsOf(form) }));

/** The questions filled in, in order, leaving out the empty boxes. */
function questionsOf(form: object): string[] {
  const record = form as Record<string, unknown>;
  return QUESTION_FIELDS.map((field) => record[field]).filter((question): question is string => typeof question === 'string' && question.trim().length > 0);
}

export type BuilderInput = z.output<typeof builderForm>;

/** The definition the form describes; the version is given when it is stored. */
export function definitionFromForm(key: string, form: BuilderInput, schemeName: string): Omit<MeasureDefinition, 'version'> {
  const scale = SCALES[form.scale];
  const items: MeasureItem[] = form.questions.map((question, index) => ({
    id: `q${index + 1}`,
    text: question,
    options: numberScale(scale.minimum, scale.maximum, form.lowestLabel, form.highestLabel),
  }));
  const perItem = (item: MeasureItem): ScoreRule => ({
    id: item.id,
    label: item.text,
    items: [item.id],
    method: 'item',
    direction: form.direction,
    range: { minimum: scale.minimum, maximum: scale.maximum },
  });
  const total: ScoreRule = {
    id: 'total',
    label: form.name,
    items: items.map((item) => item.id),
    method: 'sum',
    direction: form.direction,
    range: { minimum: scale.minimum * items.length, maximum: scale.maximum * items.length },
  };
  return {
    key,
    name: form.name,
    introduction: form.introduction,
    licence: { name: 'The scheme’s own measure', attribution: `Made by ${schemeName} for its own use.` },
    items,
    scores: form.scoring === 'sum' ? [total] : items.map(perItem),
  };
}

/** The form filled in from a stored definition, to change it (as a new version). */
export function builderValues(definition: MeasureDefinition): Record<string, unknown> {
  const options = definition.items[0]?.options ?? [];
  const values = options.map((option) => option.value);
  const scale = (Object.keys(SCALES) as ScaleCode[]).find((code) => SCALES[code].minimum === Math.min(...values) && SCALES[code].maximum === Math.max(...values));
  const endWords = (label: string | undefined) => (label ?? '').replace(/^\d+ – /, '');
  return {
    name: definition.name,
    introduction: definition.introduction,
    scale,
    lowestLabel: endWords(options[0]?.label),
    highestLabel: endWords(options.at(-1)?.label),
    scoring: definition.scores.length === 1 && definition.scores[0]!.method === 'sum' ? 'sum' : 'item',
    direction: definition.scores[0]?.direction,
    ...Object.fromEntries(definition.items.map((item, index) => [QUESTION_FIELDS[index], item.text])),
  };
}
