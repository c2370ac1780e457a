// The public entry of scheme-settings: other features import only what is exported here.
export { caseworkSettingsRoutes } from './casework-routes.ts';
export { createScheme } from './create-scheme.ts';
export { readSchemeSettings, saveSchemeSettings } from './queries.ts';
export { schemeSettingsRoutes } from './routes.ts';
export { MAX_FORM_FILE_TEXT, ReceivedFile, acceptFormUploads } from './uploads.ts';
export { currentRiskQuestions, riskQuestionsOf } from './risk-questions.ts';
export type { RiskWording } from './risk-questions.ts';
