import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseForm, typedValues, type FormErrors } from '../../platform/http/forms.ts';
import { acceptFormUploads, MAX_FORM_FILE_TEXT, ReceivedFile } from '../../scheme-settings/index.ts';
import { text } from '../../platform/http/form-fields.ts';
import { LICENSABLE, checkDefinitionFile } from './settings-import.ts';
import { SETTINGS_PATH, backToMeasures } from './settings-shared.ts';
import { enableMeasure, storeDefinition } from './settings-store.ts';

const IMPORT_PATH = `${SETTINGS_PATH}/import`;
const IMPORT_PAGE = 'measures/settings/views/settings-import.njk';
/** Only an administrator speaks for the scheme's licence. */
const ADMINS_ONLY = { roles: ['admin'] } as const;
const LICENCE_LIMIT = 500;

const receivedFile = (value: unknown) => (value instanceof ReceivedFile && value.filename !== '' ? value : undefined);

const importForm = z
  .object({
    licenceStatement: text('The licence statement', LICENCE_LIMIT, 'Enter the scheme’s licence, like its registration number and date'),
    definitionFile: z.preprocess(receivedFile, z.instanceof(ReceivedFile).optional()),
    definitionText: z.string().trim().prefault(''),
  })
  .transform((form, ctx) => {
    if (form.definitionFile?.tooLarge) {
      ctx.addIssue({ code: 'custom', path: ['definitionFile'], message: `The definition file must be smaller than ${MAX_FORM_FILE_TEXT}` });
      return z.NEVER;
    }
    const fileText = form.definitionFile?.data.toString('utf8').trim();
    const json = fileText || form.definitionText;
    if (!json) {
      ctx.addIssue({ code: 'custom', path: ['definitionFile'], message: 'Choose the definition file, or paste what is in it' });
      return z.NEVER;
    }
    const checked = checkDefinitionFile(json);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', path: [fileText ? 'definitionFile' : 'definitionText'], message: checked.message });
      return z.NEVER;
    }
    return { licenceStatement: form.licenceStatement, definition: checked.definition };
  });

/** An admin brings in the licensed wording of a measure Linkway can only score. */
export async function importRoutes(app: FastifyInstance): Promise<void> {
  const render = (reply: FastifyReply, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.render(IMPORT_PAGE, {
      pageTitle: 'Import licensed questions',
      backHref: SETTINGS_PATH,
      action: IMPORT_PATH,
      values,
      errors,
      licensable: LICENSABLE,
      maxFileSize: MAX_FORM_FILE_TEXT,
      licenceLimit: LICENCE_LIMIT,
    });

  // Only this form takes a file, so only it parses multipart bodies.
  await app.register(async (scoped) => {
    await acceptFormUploads(scoped);
    scoped.get(IMPORT_PATH, { config: ADMINS_ONLY }, (_request, reply) => render(reply, {}));
    scoped.post(IMPORT_PATH, { config: ADMINS_ONLY }, async (request, reply) => {
      const form = parseForm(importForm, request.body);
      if (!form.ok) {
        // A file cannot be shown back: the browser asks for it again.
        const { definitionFile: _file, ...typed } = typedValues(request.body);
        request.log.info({ problems: form.errors.list.map((item) => item.text) }, 'measure definition file refused');
        return render(reply.status(400), typed, form.errors);
      }
      await request.data.run(async (tx) => {
        const stored = await storeDefinition(tx, form.data.definition, 'licensed_import', form.data.licenceStatement);
        await enableMeasure(tx, stored.key);
      });
      return backToMeasures(reply, 'imported');
    });
  });
}
