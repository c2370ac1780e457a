import type { ResponseOption } from '../definition.ts';

/** Options for a numbered scale: the two ends carry words, the numbers between speak for themselves. */
export function numberScale(minimum: number, maximum: number, lowest: string, highest: string): ResponseOption[] {
  return Array.from({ length: maximum - minimum + 1 }, (_, index) => {
    const value = minimum + index;
    return { value, label: value === minimum ? `${value} – ${lowest}` : value === maximum ? `${value} – ${highest}` : String(value) };
  });
}

export function zeroToTen(lowest: string, highest: string): ResponseOption[] {
  return numberScale(0, 10, lowest, highest);
}

/** Options for a 1–5 scale, each point labelled. */
export function oneToFive(labels: readonly [string, string, string, string, string]): ResponseOption[] {
  return labels.map((label, index) => ({ value: index + 1, label }));
}
