import { z } from 'zod';
import { TEXT_LIMITS } from './schemas.ts';
import { text } from '../platform/http/form-fields.ts';
import { checkFormFile, MAX_FORM_FILE_TEXT, ReceivedFile, type AcceptedFile, type FileProblem } from './uploads.ts';

const FILE_MESSAGES: Record<FileProblem | 'missing', string> = {
  missing: 'Choose the referral form to attach',
  'too-large': `The referral form must be smaller than ${MAX_FORM_FILE_TEXT}`,
  empty: 'The file you chose is empty. Choose the referral form again',
  'wrong-type': 'The referral form must be a PDF, DOCX, ODT or DOC file',
};

/**
 * An empty file box still sends a part with no name: that, like a form posted without the
 * multipart encoding (where the field could only be text), is no file at all.
 */
const receivedFile = (value: unknown) => (value instanceof ReceivedFile && value.filename !== '' ? value : undefined);

/** The file for "attached form": required unless the service already has one to keep. */
function formFile(hasFileAlready: boolean) {
  return z.preprocess(receivedFile, z.instanceof(ReceivedFile).optional()).transform((file, ctx): AcceptedFile | undefined => {
    if (!file) {
      if (!hasFileAlready) ctx.addIssue({ code: 'custom', message: FILE_MESSAGES.missing });
      return undefined;
    }
    const checked = checkFormFile(file);
    if (checked.ok) return checked.file;
    ctx.addIssue({ code: 'custom', message: FILE_MESSAGES[checked.problem] });
    return z.NEVER;
  });
}

const webAddress = z
  .string()
  .trim()
  .min(1, 'Enter the web address of their referral page')
  .max(2000, 'Web address must be 2000 characters or fewer')
  // Only web links: this address becomes a link on public pages, so nothing like javascript: gets in.
  .pipe(z.url({ protocol: z.regexes.httpProtocol, hostname: z.regexes.domain, error: 'Enter a web address in the correct format, like https://www.example.org/refer' }))
  .prefault('');

const emailAddress = z
  .string()
  .trim()
  .min(1, 'Enter the email address for referrals')
  .max(320, 'Email address must be 320 characters or fewer')
  .pipe(z.email('Enter an email address in the correct format, like referrals@example.org'))
  .prefault('');

/** One form for adding and for changing a service; only the file rule differs between them. */
export function serviceForm(options: { hasFileAlready: boolean }) {
  const details = z.object({
    name: text('Name', TEXT_LIMITS.serviceName, 'Enter the name of the service'),
    whenToUse: text('When to use it', TEXT_LIMITS.whenToUse, 'Enter when to use this service'),
    // A checkbox sends its value only when ticked.
    forOutsideAge: z.preprocess((value) => value === 'yes', z.boolean()),
  });
  const howToRefer = z.discriminatedUnion(
    'howToRefer',
    [
      z.object({ howToRefer: z.literal('link'), linkUrl: webAddress }),
      z.object({ howToRefer: z.literal('email'), email: emailAddress }),
      z.object({ howToRefer: z.literal('form'), formFile: formFile(options.hasFileAlready) }),
    ],
    { error: 'Select how people refer to this service' },
  );
  // An intersection checks both halves, so every mistake on the page is listed at once.
  return z.intersection(details, howToRefer);
}

export type ServiceInput = z.output<ReturnType<typeof serviceForm>>;
