// The public entry of own-page: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { ownPageRoutes } from './routes.ts';

registerRecordSection({ path: '/own-page', text: 'Their own page', order: 70 });
