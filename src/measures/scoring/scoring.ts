import type { MeasureDefinition, MeasureItem, ScoreBand, ScoreRule } from './definition.ts';

/**
 * Scoring is pure: a definition and the answers give the scores, the same way every time, so a
 * stored answer set can always be checked against the version it was given under.
 */

export type ReliableChange = 'improved' | 'deteriorated' | 'no_reliable_change';

/** Answers that cannot be scored: something missing, unknown or not one of the item's options. */
export class InvalidAnswersError extends Error {
  constructor(readonly problems: string[]) {
    super(`Answers cannot be scored: ${problems.join('; ')}`);
    this.name = 'InvalidAnswersError';
  }
}

/** Whether a value is one of the item's response options. */
export function isValidAnswer(item: MeasureItem, value: unknown): value is number {
  return typeof value === 'number' && item.options.some((option) => option.value === value);
}

/** Problems with the answers to some of the definition's items; every item given must be a real option. */
export function answerProblems(definition: MeasureDefinition, answers: Record<string, unknown>, required: 'all' | 'given'): string[] {
  const problems: string[] = [];
  const known = new Set(definition.items.map((item) => item.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) problems.push(`${id} is not an item of ${definition.key}`);
  for (const item of definition.items) {
    const value = answers[item.id];
    if (value === undefined) {
      if (required === 'all') problems.push(`${item.id} has no answer`);
    } else if (!isValidAnswer(item, value)) {
      problems.push(`${item.id} cannot be ${JSON.stringify(value)}`);
    }
  }
  return problems;
}

/** Every score the definition reports, worked out from a complete set of answers. Throws InvalidAnswersError. */
export function scoreAnswers(definition: MeasureDefinition, answers: Record<string, number>): Record<string, number> {
  const problems = answerProblems(definition, answers, 'all');
  if (problems.length > 0) throw new InvalidAnswersError(problems);
  const items = new Map(definition.items.map((item) => [item.id, item]));
  return Object.fromEntries(definition.scores.map((rule) => [rule.id, scoreOf(rule, items, answers)]));
}

function scoreOf(rule: ScoreRule, items: Map<string, MeasureItem>, answers: Record<string, number>): number {
  const values = rule.items.map((id) => {
    const item = items.get(id);
    if (!item) throw new InvalidAnswersError([`score ${rule.id} uses ${id}, which is not an item`]);
    return rule.reversedItems?.includes(id) ? reversed(item, answers[id]!) : answers[id]!;
  });
  const total = values.reduce((sum, value) => sum + value, 0);
  const raw = rule.method === 'mean' ? roundTo2(total / values.length) : rule.method === 'item' ? values[0]! : total;
  if (!rule.conversion) return raw;
  const converted = rule.conversion[String(raw)];
  if (converted === undefined) throw new InvalidAnswersError([`score ${rule.id} has no conversion for a raw score of ${raw}`]);
  return converted;
}

/** A reversed item counts from the other end of its own scale. */
function reversed(item: MeasureItem, value: number): number {
  const values = item.options.map((option) => option.value);
  return Math.min(...values) + Math.max(...values) - value;
}

function roundTo2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The band a reported score falls in, where the rule has bands. */
export function bandOf(rule: ScoreRule, score: number): ScoreBand | undefined {
  return rule.bands?.find((band) => score >= band.minimum && score <= band.maximum);
}

/**
 * Whether the change from the baseline to the latest score is at least the rule's reliable-change
 * threshold, in the better or worse direction. Undefined when no threshold is published.
 */
export function reliableChangeOf(rule: ScoreRule, baseline: number, latest: number): ReliableChange | undefined {
  if (rule.reliableChange === undefined) return undefined;
  const change = latest - baseline;
  const better = rule.direction === 'higher_is_better' ? change : -change;
  // Rounded first so that 7.45 - 5 counts as 2.45, not 2.4499999.
  const size = roundTo2(Math.abs(better));
  if (size >= rule.reliableChange) return better > 0 ? 'improved' : 'deteriorated';
  return 'no_reliable_change';
}
