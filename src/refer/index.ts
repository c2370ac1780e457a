// The public entry of refer: other features import only what is exported here.
export { publicFormConfig } from './draft-pages.ts';
export { referRoutes } from './routes.ts';
export { AGREEMENT, CONTACT_SAFE, EQUALITY_LABELS, EQUALITY_QUESTIONS, PREFER_NOT_TO_SAY } from './schemas.ts';
export { schemeFrom, schemelessData } from './schemes.ts';
