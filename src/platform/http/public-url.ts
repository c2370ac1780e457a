import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/** The address people reach Linkway at, for links sent to them: PUBLIC_URL when set, else this request's host. */
export function absoluteUrl(request: FastifyRequest, config: Config, path: string): string {
  const origin = config.publicUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
  return `${origin}${path}`;
}
