// The public entry of plans: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { choice, codesOf, optionalText, ticked } from './form-fields.ts';
export { goalsOfPlan, goalsWithRatings, recordGoalRatings } from './goal-ratings.ts';
export type { RatedGoal } from './goal-ratings.ts';
export { planRoutes } from './routes.ts';

registerRecordSection({ path: '/plan', text: 'Plan and goals', order: 40 });
