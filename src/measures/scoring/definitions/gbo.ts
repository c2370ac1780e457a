import type { MeasureDefinition, MeasureItem, ScoreRule } from '../definition.ts';
import { zeroToTen } from './scales.ts';

/**
 * Goal-Based Outcomes: up to three goals in the young person's own words, each rated 0–10. The
 * items' text is empty here: it is each young person's goal wording, filled in from their plan
 * (goalQuestionsFor in responses.ts, and the series). Answers are kept as the plan's goal ratings, not as measure responses.
 */

export const GBO_GOAL_COUNT = 3;
export const GBO_QUESTION = 'How close are you to reaching this goal?';

/**
 * Reliable change on a single goal: 2.45 points, from Edbrooke-Childs J, Jacob J, Law D, Deighton J,
 * Wolpert M (2015) "Interpreting standardized and idiographic outcome measures in CAMHS: what does
 * change mean and how does it relate to functioning and experience?" Child and Adolescent Mental
 * Health 20(3):142–148.
 */
export const GBO_RELIABLE_CHANGE = 2.45;

export const goalItemId = (position: number) => `goal_${position}`;

export function goalItem(id: string, wording: string): MeasureItem {
  return { id, text: wording, options: zeroToTen('No progress', 'Goal fully reached') };
}

export function goalScore(id: string, wording: string): ScoreRule {
  return {
    id,
    label: wording,
    items: [id],
    method: 'item',
    direction: 'higher_is_better',
    reliableChange: GBO_RELIABLE_CHANGE,
    range: { minimum: 0, maximum: 10 },
  };
}

const positions = Array.from({ length: GBO_GOAL_COUNT }, (_, index) => index + 1);

export const GBO: MeasureDefinition = {
  key: 'gbo',
  version: 1,
  name: 'Goal-Based Outcomes (GBO)',
  introduction: `For each of your goals: ${GBO_QUESTION} 0 means no progress and 10 means you have fully reached it.`,
  ageRange: { minimum: 5, maximum: 120 },
  licence: {
    name: 'CC BY-NC-SA 4.0',
    attribution: 'Goal-Based Outcomes © Duncan Law, licensed under Creative Commons Attribution-NonCommercial-ShareAlike 4.0.',
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  },
  items: positions.map((position) => goalItem(goalItemId(position), '')),
  scores: positions.map((position) => goalScore(goalItemId(position), `Goal ${position}`)),
};
