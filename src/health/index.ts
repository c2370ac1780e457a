// The public entry of health: other features import only what is exported here.
export { healthRoutes } from './routes.ts';
