// The public entry of directory: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { CATEGORIES, categoryLabel } from './codes.ts';
export { directoryRoutes } from './routes.ts';

registerRecordSection({ path: '/suggestions', text: 'Suggestions', order: 80 });
