// The public entry of contact: other features import only what is exported here.
export { contactSettings, setStage } from './queries.ts';
export { contactRecordOf, presentContactRecord } from './record-sections.ts';
export { referrerWillBeTold } from './referrer-messages.ts';
export { contactRoutes } from './routes.ts';
export { UNSUCCESSFUL_OUTCOMES } from './schemas.ts';
