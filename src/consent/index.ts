// The public entry of consent: other features import only what is exported here.
import { registerRecordSection } from '../domain/record-sections.ts';

export { consentRoutes } from './routes.ts';
export { mayShareWith } from './sharing.ts';

registerRecordSection({ path: '/consent', text: 'Consent and sharing', order: 20 });
