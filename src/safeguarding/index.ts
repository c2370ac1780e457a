// The public entry of safeguarding: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { URGENCIES, URGENCY_ORDER } from './codes.ts';
export { categoryLabel, mostUrgentFirst, urgencyTag } from './presenters.ts';
export { openConcernsInScheme } from './queries.ts';
export { safeguardingRoutes } from './routes.ts';

registerRecordSection({ path: '/safeguarding', text: 'Safeguarding', order: 60 });
