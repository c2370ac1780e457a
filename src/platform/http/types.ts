import type { CallerData } from '../db/caller-data.ts';
import type { Role } from '../db/schema.ts';
import type { SignedInAccount } from '../auth/sessions.ts';
import type { AppContext } from './context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    linkway: AppContext;
  }
  interface FastifyRequest {
    account: SignedInAccount | null;
    /** Data access bound to the signed-in caller; throws if there is none. */
    readonly data: CallerData;
    /** Navigation items whose text a feature has replaced for this request (e.g. with a count), by href. */
    navigationText: Record<string, string> | null;
  }
  interface FastifyReply {
    render(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Open to people who are not signed in (sign-in page, public forms, health). */
    public?: boolean;
    /** Reachable between the password and the second factor. */
    duringSecondFactor?: boolean;
    /** Reachable by an admin who has not yet set up a second factor. */
    beforeSecondFactorSetup?: boolean;
    /** Roles allowed; anyone else gets "not found". */
    roles?: readonly Role[];
  }
}

export {};
