// The public entry of pages: other features import only what is exported here.
export { pageRoutes } from './routes.ts';
