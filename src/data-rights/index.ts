// The public entry of data-rights: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { anonymiseDueRecordsHourly } from './retention-job.ts';
export { policyInWords } from './retention-policy.ts';
export { dataRightsRoutes } from './routes.ts';
export { runRetention } from './retention-job.ts';

registerRecordSection({ path: '/data-rights', text: 'Data rights', order: 120, roles: ['admin', 'manager'] });
