// The public entry of sessions: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { approvalRoutes } from './approval-routes.ts';
export { SESSION_SETTINGS, SESSION_SETTING_CODES, choicesFrom, settingLabel } from './codes.ts';
export { sessionsRoutes } from './routes.ts';
export { sessionsSummaryOf } from './summary.ts';
export { distinctPlace } from './codes.ts';
export { rearrangeRoutes } from './rearrange-routes.ts';

registerRecordSection({ path: '/sessions', text: 'Sessions', order: 50 });
