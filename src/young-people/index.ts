// The public entry of young-people: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { presentAccess, presentChange } from './audit-presenter.ts';
export { STAGE_LABELS, ageOn, displayName, stageTag } from './presenters.ts';
export { findYoungPerson } from './queries.ts';
export { recordHeader } from './record-header.ts';
export type { RecordHeader } from './record-header.ts';
export { youngPeopleRoutes } from './routes.ts';
export { recordId } from './schemas.ts';

registerRecordSection({ path: '', text: 'Overview', order: 10 });
