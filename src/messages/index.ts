// The public entry of messages: other features import only what is exported here.
export { messageRoutes } from './routes.ts';
