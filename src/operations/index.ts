// The public entry of operations: other features import only what is exported here.
export { backUpOnSchedule } from './backup-schedule.ts';
export { serveLocalOperations } from './local-operations.ts';
export { runOneShot } from './one-shot.ts';
