import type { FastifyInstance } from 'fastify';
import type { AppContext } from './platform/http/context.ts';
import { healthRoutes } from './health/routes.ts';
import { pageRoutes } from './pages/routes.ts';
import { signInRoutes } from './auth/sign-in-routes.ts';
import { signOutRoutes } from './auth/sign-out-routes.ts';
import { accountRoutes } from './auth/account-routes.ts';
import { youngPeopleRoutes } from './young-people/routes.ts';
import { caseloadRoutes } from './caseload/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { usersRoutes } from './users/routes.ts';
import { messageRoutes } from './messages/routes.ts';
import { schemeSettingsRoutes } from './scheme-settings/routes.ts';
import { referRoutes } from './refer/routes.ts';
import { triageRoutes } from './triage/routes.ts';
import { allocationRoutes } from './allocation/routes.ts';
import { contactRoutes } from './contact/routes.ts';
import { insightRoutes } from './insights/routes.ts';
import { consentRoutes } from './consent/routes.ts';
import { dischargeRoutes } from './discharge/routes.ts';
import { safeguardingRoutes } from './safeguarding/routes.ts';
import { whatMattersRoutes } from './what-matters/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { ownPageRoutes } from './own-page/routes.ts';
import { sessionsRoutes } from './sessions/routes.ts';
import { approvalRoutes } from './sessions/approval-routes.ts';
import { rearrangeRoutes } from './sessions/rearrange-routes.ts';
import { caseworkSettingsRoutes } from './scheme-settings/casework-routes.ts';
import { dataRightsRoutes } from './data-rights/routes.ts';
import { directoryRoutes } from './directory/routes.ts';
import { orukApiRoutes } from './oruk/api-routes.ts';
import { orukImportRoutes } from './oruk/import-routes.ts';
import { connectionRoutes } from './connections/routes.ts';
import { outcomeRoutes } from './measures/outcome-routes.ts';
import { measureLinkRoutes } from './measures/link-routes.ts';
import { measureLinkPublicRoutes } from './measures/link-public-routes.ts';
import { measureRecordingRoutes } from './measures/record-routes.ts';
import { measureSettingsRoutes } from './measures/settings-routes.ts';

/** Every feature registers its routes here, in one place, so the whole surface is easy to see. */
export const featureRoutes: ((app: FastifyInstance, context: AppContext) => void | Promise<void>)[] = [
  healthRoutes,
  pageRoutes,
  signInRoutes,
  signOutRoutes,
  accountRoutes,
  youngPeopleRoutes,
  caseloadRoutes,
  dashboardRoutes,
  reportRoutes,
  usersRoutes,
  messageRoutes,
  schemeSettingsRoutes,
  referRoutes,
  triageRoutes,
  allocationRoutes,
  contactRoutes,
  insightRoutes,
  consentRoutes,
  dischargeRoutes,
  safeguardingRoutes,
  whatMattersRoutes,
  planRoutes,
  ownPageRoutes,
  sessionsRoutes,
  approvalRoutes,
  rearrangeRoutes,
  caseworkSettingsRoutes,
  dataRightsRoutes,
  directoryRoutes,
  orukApiRoutes,
  orukImportRoutes,
  connectionRoutes,
  outcomeRoutes,
  measureLinkRoutes,
  measureLinkPublicRoutes,
  measureRecordingRoutes,
  measureSettingsRoutes,
];
