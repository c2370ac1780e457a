// The public entry of reports: other features import only what is exported here.
export { reportRoutes } from './routes.ts';
