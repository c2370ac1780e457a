// Makes the migrated template databases once, before the test files start side by side.
import { embeddedTemplate, postgresTemplate } from './database-template.ts';

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) await postgresTemplate(serverUrl);
else await embeddedTemplate();
