import type { MeasureDefinition, MeasureItem } from '../scoring/definition.ts';

/**
 * One question per screen: which question comes next, and what each screen shows. Pure, so the
 * order of the pages is tested without a browser. Questions are numbered from 1 as people count.
 */

export function questionAt(definition: MeasureDefinition, number: number): MeasureItem | undefined {
  return Number.isInteger(number) && number >= 1 ? definition.items[number - 1] : undefined;
}

/** The first question with no answer yet, or undefined when every question has one. */
export function firstUnanswered(definition: MeasureDefinition, progress: Record<string, number>): number | undefined {
  const index = definition.items.findIndex((item) => progress[item.id] === undefined);
  return index === -1 ? undefined : index + 1;
}

/**
 * Where to go after answering a question: back to the check page when changing an answer or when
 * every question has one, otherwise the next question without an answer.
 */
export function nextStep(definition: MeasureDefinition, progress: Record<string, number>, answered: number, changing: boolean): number | 'check' {
  if (changing) return 'check';
  const later = definition.items.findIndex((item, index) => index >= answered && progress[item.id] === undefined);
  if (later !== -1) return later + 1;
  return firstUnanswered(definition, progress) ?? 'check';
}

/** The option a value stands for, or undefined when it is not one of the question's answers. */
export function optionLabel(item: MeasureItem, value: number | undefined): string | undefined {
  return item.options.find((option) => option.value === value)?.label;
}

export function optionItems(item: MeasureItem, checked: number | undefined) {
  return item.options.map((option) => ({ value: String(option.value), text: option.label, checked: option.value === checked }));
}

/** The check page: each question with the answer given and where to change it. */
export function answerRows(definition: MeasureDefinition, progress: Record<string, number>, pathOf: (number: number) => string) {
  return definition.items.map((item, index) => ({
    key: { text: item.text },
    value: { text: optionLabel(item, progress[item.id]) ?? 'Not answered' },
    actions: { items: [{ href: `${pathOf(index + 1)}?change=1`, text: 'Change', visuallyHiddenText: `your answer to: ${item.text}` }] },
  }));
}
