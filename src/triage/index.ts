// The public entry of triage: other features import only what is exported here.
export { RATING_PRIORITY, daysWaiting, ratingTag, startOfUkDay, waitingText } from './presenters.ts';
export { referralRecord } from './queries.ts';
export { triageRoutes } from './routes.ts';
export { MANAGERS, idFrom } from './schemas.ts';
