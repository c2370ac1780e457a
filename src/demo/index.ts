// The public entry of demo: other features import only what is exported here.
export { seedDemoIfEmpty } from './seed.ts';
export type { DemoLogins } from './seed.ts';
