import type { MeasureDefinition, MeasureItem, ScoreBand, ScoreRule } from '../definition.ts';
import { zeroToTen } from './scales.ts';

/**
 * ONS personal well-being (ONS4). The questions are the Office for National Statistics' own; each is
 * reported on its own and never summed. Bands are the ONS thresholds. No reliable-change threshold
 * is published for single items, so none is given.
 */

const LICENCE = {
  name: 'Open Government Licence v3.0',
  attribution: 'Personal well-being questions © Office for National Statistics, free to use under the Open Government Licence v3.0.',
  url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/personalwellbeingsurveyuserguide',
};

const HIGHER_IS_BETTER_BANDS: ScoreBand[] = [
  { minimum: 0, maximum: 4, label: 'Low' },
  { minimum: 5, maximum: 6, label: 'Medium' },
  { minimum: 7, maximum: 8, label: 'High' },
  { minimum: 9, maximum: 10, label: 'Very high' },
];

const ANXIETY_BANDS: ScoreBand[] = [
  { minimum: 0, maximum: 1, label: 'Very low' },
  { minimum: 2, maximum: 3, label: 'Low' },
  { minimum: 4, maximum: 5, label: 'Medium' },
  { minimum: 6, maximum: 10, label: 'High' },
];

const ITEMS = {
  life_satisfaction: { label: 'Life satisfaction', text: 'Overall, how satisfied are you with your life nowadays?' },
  worthwhile: { label: 'Things you do are worthwhile', text: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?' },
  happiness: { label: 'Happiness yesterday', text: 'Overall, how happy did you feel yesterday?' },
  anxiety: { label: 'Anxiety yesterday', text: 'Overall, how anxious did you feel yesterday?' },
} as const;

type ItemId = keyof typeof ITEMS;

function item(id: ItemId): MeasureItem {
  return { id, text: ITEMS[id].text, options: zeroToTen('Not at all', 'Completely') };
}

function singleItemScore(id: ItemId): ScoreRule {
  const lowerIsBetter = id === 'anxiety';
  return {
    id,
    label: ITEMS[id].label,
    items: [id],
    method: 'item',
    direction: lowerIsBetter ? 'lower_is_better' : 'higher_is_better',
    bands: lowerIsBetter ? ANXIETY_BANDS : HIGHER_IS_BETTER_BANDS,
    range: { minimum: 0, maximum: 10 },
  };
}

function ons4Definition(key: string, name: string, ids: ItemId[], ageRange: { minimum: number; maximum: number }): MeasureDefinition {
  return {
    key,
    version: 1,
    name,
    introduction:
      'There are no right or wrong answers. For each question, choose a number from 0 to 10, where 0 is “not at all” and 10 is “completely”.',
    ageRange,
    licence: LICENCE,
    items: ids.map(item),
    scores: ids.map(singleItemScore),
  };
}

export const ONS4 = ons4Definition('ons4', 'ONS personal well-being (ONS4)', ['life_satisfaction', 'worthwhile', 'happiness', 'anxiety'], {
  minimum: 16,
  maximum: 120,
});

/** The children's variant some services use: the same questions without anxiety. */
export const ONS4_CHILDREN = ons4Definition(
  'ons4_children',
  'ONS personal well-being, children’s version (without anxiety)',
  ['life_satisfaction', 'worthwhile', 'happiness'],
  { minimum: 10, maximum: 15 },
);
