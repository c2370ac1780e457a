// The public entry of allocation: other features import only what is exported here.
export { caseloadText, linkWorkerCaseloads } from './caseloads.ts';
export { allocationRoutes } from './routes.ts';
