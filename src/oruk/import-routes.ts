import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { formErrors, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { acceptFormUploads, MAX_FORM_FILE_TEXT, ReceivedFile } from '../scheme-settings/index.ts';
import { readFeed } from './feed.ts';
import { FeedFetchError, fetchFeed } from './fetch-feed.ts';
import type { AddressPolicy } from '../platform/outbound/public-address.ts';
import { importRecords } from './import.ts';
import { exportDirectory } from './export.ts';

const MANAGERS = { roles: ['admin', 'manager'] } as const;
const IMPORT_PAGE = 'oruk/views/import.njk';

interface ImportBody {
  feedUrl?: unknown;
  feedFile?: unknown;
  publish?: unknown;
}

class FeedProblem extends Error {
  constructor(
    readonly field: 'feedUrl' | 'feedFile',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The feed the form names: fetched from its address, or read from the uploaded file. */
async function feedFrom(body: ImportBody, policy: AddressPolicy): Promise<{ feed: unknown; field: 'feedUrl' | 'feedFile' }> {
  const address = typeof body.feedUrl === 'string' ? body.feedUrl.trim() : '';
  const file = body.feedFile instanceof ReceivedFile ? body.feedFile : undefined;
  if (address && file?.data.length) throw new FeedProblem('feedUrl', 'Enter a web address or choose a file, not both');
  if (address) {
    try {
      return { feed: await fetchFeed(address, policy), field: 'feedUrl' };
    } catch (error) {
      if (error instanceof FeedFetchError) throw new FeedProblem('feedUrl', error.message, { cause: error.cause });
      throw error;
    }
  }
  if (file?.tooLarge) throw new FeedProblem('feedFile', `The file must be smaller than ${MAX_FORM_FILE_TEXT}`);
  if (!file || file.data.length === 0) throw new FeedProblem('feedUrl', 'Enter the web address of a feed or choose a JSON file');
  try {
    return { feed: JSON.parse(file.data.toString('utf8')), field: 'feedFile' };
  } catch {
    throw new FeedProblem('feedFile', 'The file is not valid JSON: check it is an Open Referral UK JSON file');
  }
}

/** Bringing an Open Referral UK feed into the directory, and taking the directory out as one. */
export async function orukImportRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const importPage = (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.render(IMPORT_PAGE, { pageTitle: 'Import an Open Referral UK feed', backHref: '/directory', maxFileSize: MAX_FORM_FILE_TEXT, values, errors });

  app.get('/directory/import', { config: MANAGERS }, (_request, reply) => importPage(reply, { publish: 'yes' }));

  await app.register(async (scoped) => {
    await acceptFormUploads(scoped);
    scoped.post('/directory/import', { config: MANAGERS }, async (request, reply) => {
      const body = (request.body ?? {}) as ImportBody;
      const { feedFile: _file, ...typed } = typedValues(body);
      const failed = (field: string, message: string) => importPage(reply.status(400), typed, formErrors({ [field]: message }));
      let source: Awaited<ReturnType<typeof feedFrom>>;
      try {
        source = await feedFrom(body, context.fetchableAddress);
      } catch (error) {
        if (!(error instanceof FeedProblem)) throw error;
        // The page gives one answer for refused and unreachable addresses; the log says which.
        const detail = error.cause instanceof Error ? error.cause.message : undefined;
        request.log.warn({ reqId: request.id, reason: error.message, detail }, 'ORUK feed could not be read');
        return failed(error.field, error.message);
      }
      const { records, rejections } = readFeed(source.feed);
      let result: Awaited<ReturnType<typeof importRecords>>;
      try {
        result = await request.data.run((tx) => importRecords(tx.db, tx.caller.orgId, records, { publish: body.publish === 'yes' }));
      } catch (error) {
        request.log.error({ err: error }, 'ORUK import failed; nothing was saved');
        return failed(source.field, `The import stopped and nothing was saved: ${databaseReason(error)}`);
      }
      request.log.info({ counts: result.counts, rejected: rejections.length + result.rejections.length, notKept: result.notKept.length }, 'ORUK feed imported');
      return reply.render('oruk/views/import-report.njk', {
        pageTitle: 'Feed imported',
        backHref: '/directory',
        counts: result.counts,
        rejections: [...rejections, ...result.rejections],
        notKept: result.notKept,
      });
    });
  });

  app.get('/directory/export.json', { config: MANAGERS }, async (request: FastifyRequest, reply) => {
    const records = await request.data.run((tx) => exportDirectory(tx.db));
    return reply
      .header('content-disposition', 'attachment; filename="directory-open-referral-uk.json"')
      .type('application/json')
      .send(JSON.stringify(records, null, 2));
  });
}

/** The database's own words say which value was wrong, without any of the feed's contents. */
function databaseReason(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/out of range|overflow/i.test(message)) return 'a number in the feed is too large';
  if (/invalid input syntax/i.test(message)) return 'a value in the feed is not in the form the standard expects';
  if (/violates/i.test(message)) return 'a record in the feed contradicts another';
  return 'something went wrong while saving';
}
