import type { MeasureDefinition } from '../definition.ts';
import { oneToFive } from './scales.ts';

/**
 * Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS). The item wording is licensed (free to
 * public services and charities, but registration is required and the items may not be republished
 * or altered), so only the scoring ships here; a registered scheme imports the wording itself.
 *
 * The raw sum 7–35 is converted to a metric score with the published Rasch conversion table.
 * No reliable-change threshold is set: the published figures are minimal important differences
 * (a range, not a reliable change index), so none is claimed.
 */

export const SWEMWBS_ITEM_COUNT = 7;

/** Raw sum to metric score, as published with the scale. */
export const SWEMWBS_CONVERSION: Record<string, number> = {
  '7': 7.0,
  '8': 9.51,
  '9': 11.25,
  '10': 12.4,
  '11': 13.33,
  '12': 14.08,
  '13': 14.75,
  '14': 15.32,
  '15': 15.84,
  '16': 16.36,
  '17': 16.88,
  '18': 17.43,
  '19': 17.98,
  '20': 18.59,
  '21': 19.25,
  '22': 19.98,
  '23': 20.73,
  '24': 21.54,
  '25': 22.35,
  '26': 23.21,
  '27': 24.11,
  '28': 25.03,
  '29': 26.02,
  '30': 27.03,
  '31': 28.13,
  '32': 29.31,
  '33': 30.7,
  '34': 32.55,
  '35': 35.0,
};

const itemIds = Array.from({ length: SWEMWBS_ITEM_COUNT }, (_, index) => `item_${index + 1}`);

export const SWEMWBS: MeasureDefinition = {
  key: 'swemwbs',
  version: 1,
  name: 'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)',
  introduction: 'Below are some statements about feelings and thoughts. Choose the answer that best describes your experience of each over the last 2 weeks.',
  timeFrame: 'Over the last 2 weeks',
  ageRange: { minimum: 13, maximum: 120 },
  licence: {
    name: 'SWEMWBS licence (registration required)',
    attribution:
      'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS) © University of Warwick, 2006, all rights reserved. Used under the scheme’s own licence.',
    url: 'https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/',
  },
  wordingRequiresLicence: true,
  items: itemIds.map((id) => ({
    id,
    text: '',
    options: oneToFive(['None of the time', 'Rarely', 'Some of the time', 'Often', 'All of the time']),
  })),
  scores: [
    {
      id: 'metric',
      label: 'Wellbeing (metric score)',
      items: itemIds,
      method: 'sum',
      conversion: SWEMWBS_CONVERSION,
      direction: 'higher_is_better',
      range: { minimum: 7, maximum: 35 },
    },
  ],
};
