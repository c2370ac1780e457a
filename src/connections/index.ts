// The public entry of connections: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { connectionRoutes } from './routes.ts';

registerRecordSection({ path: '/connections', text: 'Connections', order: 90 });
