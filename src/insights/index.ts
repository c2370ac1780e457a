// The public entry of insights: other features import only what is exported here.
export { insightRoutes } from './routes.ts';
