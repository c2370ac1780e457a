// The public entry of dashboard: other features import only what is exported here.
export { dashboardRoutes, stageCounts } from './routes.ts';
