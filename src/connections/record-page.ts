import type { FastifyRequest } from 'fastify';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { recordHeader, type RecordHeader } from '../young-people/index.ts';
import type { AppContext } from '../platform/http/context.ts';
import { absoluteUrl } from '../platform/http/public-url.ts';
import { connectionOf, type ConnectionRow } from './queries.ts';
import type { Sender } from './referral.ts';

export const PATH = '/connections';
export const connectionsPage = (youngPersonId: string) => `/young-people/${youngPersonId}${PATH}`;

/** The record's header and one of its connections; undefined when the caller may not see either. */
export async function headerAndConnection(
  tx: CallerTransaction,
  request: FastifyRequest,
  ids: { youngPersonId: string; connectionId: string },
): Promise<{ header: RecordHeader; connection: ConnectionRow } | undefined> {
  const header = await recordHeader(tx, request, ids.youngPersonId, PATH);
  if (!header) return undefined;
  const connection = await connectionOf(tx, ids.youngPersonId, ids.connectionId);
  return connection && { header, connection };
}

/** Everything a message to a provider needs from the request: the scheme's name and full links. */
export function senderFor(context: AppContext, request: FastifyRequest): Sender {
  return {
    messenger: context.messenger,
    schemeName: request.account!.organisationName,
    linkTo: (path) => absoluteUrl(request, context.config, path),
  };
}

export const firstName = (person: { given_name: string; preferred_name: string | null }) => person.preferred_name ?? person.given_name;
