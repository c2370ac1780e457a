// The public entry of caseload: other features import only what is exported here.
export { caseloadRoutes } from './routes.ts';
