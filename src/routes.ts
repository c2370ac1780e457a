import type { FastifyInstance } from 'fastify';
import type { AppContext } from './platform/http/context.ts';
import { healthRoutes } from './health/index.ts';
import { pageRoutes } from './pages/index.ts';
import { signInRoutes } from './auth/index.ts';
import { signOutRoutes } from './auth/index.ts';
import { accountRoutes } from './auth/index.ts';
import { youngPeopleRoutes } from './young-people/index.ts';
import { caseloadRoutes } from './caseload/index.ts';
import { dashboardRoutes } from './dashboard/index.ts';
import { reportRoutes } from './reports/index.ts';
import { usersRoutes } from './users/index.ts';
import { messageRoutes } from './messages/index.ts';
import { schemeSettingsRoutes } from './scheme-settings/index.ts';
import { referRoutes } from './refer/index.ts';
import { triageRoutes } from './triage/index.ts';
import { allocationRoutes } from './allocation/index.ts';
import { contactRoutes } from './contact/index.ts';
import { insightRoutes } from './insights/index.ts';
import { consentRoutes } from './consent/index.ts';
import { dischargeRoutes } from './discharge/index.ts';
import { safeguardingRoutes } from './safeguarding/index.ts';
import { whatMattersRoutes } from './what-matters/index.ts';
import { planRoutes } from './plans/index.ts';
import { ownPageRoutes } from './own-page/index.ts';
import { sessionsRoutes } from './sessions/index.ts';
import { approvalRoutes } from './sessions/index.ts';
import { rearrangeRoutes } from './sessions/index.ts';
import { caseworkSettingsRoutes } from './scheme-settings/index.ts';
import { dataRightsRoutes } from './data-rights/index.ts';
import { directoryRoutes } from './directory/index.ts';
import { orukApiRoutes } from './oruk/index.ts';
import { orukImportRoutes } from './oruk/index.ts';
import { connectionRoutes } from './connections/index.ts';
import { outcomeRoutes } from './measures/index.ts';
import { measureLinkRoutes } from './measures/index.ts';
import { measureLinkPublicRoutes } from './measures/index.ts';
import { measureRecordingRoutes } from './measures/index.ts';
import { measureSettingsRoutes } from './measures/index.ts';

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
