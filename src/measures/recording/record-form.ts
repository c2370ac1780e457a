import { z } from 'zod';
import { calendarDateField } from '../../platform/http/date-field.ts';
import { choice, optionalText } from '../../plans/index.ts';
import type { MeasureMoment } from '../../platform/db/tables/measures.ts';
import type { MeasureDefinition, MeasureItem } from '../scoring/definition.ts';
import { isValidAnswer } from '../scoring/scoring.ts';
import { NOT_COLLECTED_REASON_LIMIT } from '../scoring/responses.ts';
import { MOMENT_TEXT } from './record-due.ts';

/**
 * The form for answers given with the link worker: every question on one page as radios, when the
 * answers are for and the day they were given — or "not collected, because …" with the reason.
 */

export const MOMENTS = Object.keys(MOMENT_TEXT) as [MeasureMoment, ...MeasureMoment[]];

/** Each question's radios are named after its item, so a typed answer comes back to the right question. */
export const answerField = (item: MeasureItem) => `answer-${item.id}`;

export type AnswerFormData =
  | { moment: MeasureMoment; completedOn: string; answers: Record<string, number> }
  | { moment: MeasureMoment; completedOn: string; notCollectedReason: string };

const asText = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function answerForm(definition: MeasureDefinition) {
  return z
    .looseObject({
      collected: choice(['yes', 'no'], 'Select whether they answered the questions'),
      notCollectedReason: optionalText(NOT_COLLECTED_REASON_LIMIT, 'Why the answers were not collected'),
      moment: choice(MOMENTS, 'Select when these answers are for'),
      completedOn: calendarDateField({ label: 'the date', mustBePast: true }),
    })
    .superRefine((form, ctx) => {
      if (form.collected === 'no') {
        if (form.notCollectedReason === '') ctx.addIssue({ code: 'custom', path: ['notCollectedReason'], message: 'Enter why the answers were not collected' });
        return;
      }
      definition.items.forEach((item, index) => {
        if (!isValidAnswer(item, answerOf(item, form))) {
          ctx.addIssue({ code: 'custom', path: [answerField(item)], message: `Select an answer to question ${index + 1}` });
        }
      });
    })
    .transform((form): AnswerFormData => {
      const when = { moment: form.moment, completedOn: form.completedOn };
      if (form.collected === 'no') return { ...when, notCollectedReason: form.notCollectedReason };
      return { ...when, answers: Object.fromEntries(definition.items.map((item) => [item.id, answerOf(item, form)!])) };
    });
}

/** The number chosen for a question; undefined when nothing (or something that is not a number) was sent. */
function answerOf(item: MeasureItem, form: Record<string, unknown>): number | undefined {
  const text = asText(form[answerField(item)]);
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** Each question as the radios macro takes it, with what was typed still chosen. */
export function questionsOf(definition: MeasureDefinition, values: Record<string, unknown>) {
  return definition.items.map((item, index) => ({
    field: answerField(item),
    legend: `${index + 1}. ${item.text}`,
    items: item.options.map((option) => ({ value: String(option.value), text: option.label })),
    value: values[answerField(item)],
  }));
}

/** The moments as radio items. */
export function momentItems() {
  return MOMENTS.map((moment) => ({ value: moment, text: MOMENT_TEXT[moment] }));
}
