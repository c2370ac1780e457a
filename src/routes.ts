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
];
