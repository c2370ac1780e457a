// The public entry of measures: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { measureLinkPublicRoutes } from './links/link-public-routes.ts';
export { measureLinkRoutes } from './links/link-routes.ts';
export { outcomeRoutes } from './outcomes/outcome-routes.ts';
export { measuresDue } from './recording/due.ts';
export type { DueMeasure, RecordedMeasure, ScheduledMeasure } from './recording/due.ts';
export { measuresDueAtDischarge } from './recording/record-panel.ts';
export { measureRecordingRoutes } from './recording/record-routes.ts';
export { measuresForScheme } from './scoring/catalogue.ts';
export { GBO } from './scoring/definitions/gbo.ts';
export { builtInMeasure } from './scoring/definitions/index.ts';
export { scoreAnswers } from './scoring/scoring.ts';
export { measureSettingsRoutes } from './settings/settings-routes.ts';

registerRecordSection({ path: '/measures', text: 'Measures', order: 100 });
