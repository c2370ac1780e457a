// The public entry of messages: other features import only what is exported here.
export { Messenger } from './messenger.ts';
export { messageRoutes } from './routes.ts';
