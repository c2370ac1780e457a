import type { MeasureDefinition } from '../definition.ts';
import { GBO } from './gbo.ts';
import { ONS4, ONS4_CHILDREN } from './ons4.ts';
import { SWEMWBS } from './swemwbs.ts';

/** The measures Linkway ships, in the order the settings list them. */
export const BUILT_IN_MEASURES: MeasureDefinition[] = [ONS4, ONS4_CHILDREN, GBO, SWEMWBS];

export const BUILT_IN_KEYS = new Set(BUILT_IN_MEASURES.map((definition) => definition.key));

export function builtInMeasure(key: string): MeasureDefinition | undefined {
  return BUILT_IN_MEASURES.find((definition) => definition.key === key);
}
