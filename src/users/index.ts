// The public entry of users: other features import only what is exported here.
export { usersRoutes } from './routes.ts';
