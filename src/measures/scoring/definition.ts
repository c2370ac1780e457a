/**
 * A measure is data, not code: its items, response options, scoring rules, bands, reliable-change
 * threshold, licence and age range. Built-in definitions are written in this shape in
 * src/measures/definitions/; a scheme's own measures and licensed wording are stored in the same
 * shape in measure_definitions. A definition never changes once answers exist: a change is a new version.
 */
export interface MeasureDefinition {
  key: string;
  version: number;
  name: string;
  /** Plain words shown to the young person before the first question. */
  introduction: string;
  /** e.g. "Over the last 2 weeks". */
  timeFrame?: string;
  ageRange?: { minimum: number; maximum: number };
  licence: { name: string; attribution: string; url?: string };
  /**
   * True when the item wording may not be shipped: the measure stays disabled until the scheme
   * imports its own licensed wording as a new definition.
   */
  wordingRequiresLicence?: boolean;
  items: MeasureItem[];
  scores: ScoreRule[];
}

export interface MeasureItem {
  id: string;
  /** The question, in plain words. Empty only in a definition whose wording requires a licence. */
  text: string;
  options: ResponseOption[];
}

export interface ResponseOption {
  value: number;
  label: string;
}

export type ScoreDirection = 'higher_is_better' | 'lower_is_better';

export interface ScoreRule {
  id: string;
  label: string;
  /** The item ids the score is made from; a single-item score reports that item on its own. */
  items: string[];
  method: 'item' | 'sum' | 'mean';
  /** Items whose scale is reversed before summing: value becomes (min + max - value). */
  reversedItems?: string[];
  /** Raw total to reported score, e.g. SWEMWBS raw 7-35 to its metric score. */
  conversion?: Record<string, number>;
  direction: ScoreDirection;
  bands?: ScoreBand[];
  /** The smallest change that counts as reliable improvement or deterioration, where published. */
  reliableChange?: number;
  range: { minimum: number; maximum: number };
}

export interface ScoreBand {
  /** Inclusive bounds on the reported score. */
  minimum: number;
  maximum: number;
  label: string;
}
