// The public entry of oruk: other features import only what is exported here.
export { orukApiRoutes } from './api-routes.ts';
export { orukImportRoutes } from './import-routes.ts';
