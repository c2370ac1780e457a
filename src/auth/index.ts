// The public entry of auth: other features import only what is exported here.
export { accountRoutes } from './account-routes.ts';
export { signInRoutes } from './sign-in-routes.ts';
export { signOutRoutes } from './sign-out-routes.ts';
