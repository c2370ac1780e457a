// The public entry of what-matters: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { presentAssessment } from './presenters.ts';
export { assessmentOf } from './queries.ts';
export { whatMattersRoutes } from './routes.ts';

registerRecordSection({ path: '/what-matters', text: 'What matters to me', order: 30 });
