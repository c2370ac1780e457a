// The public entry of discharge: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { dischargeRoutes } from './routes.ts';

registerRecordSection({ path: '/discharge', text: 'Discharge', order: 110 });
