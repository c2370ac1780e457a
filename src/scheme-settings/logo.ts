import { z } from 'zod';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { ReceivedFile } from './uploads.ts';

/**
 * The scheme's logo for the page header. Only PNG and JPEG: formats a browser shows as a picture
 * and nothing else (no SVG, which can carry script). A file must begin and end as its format
 * does, so one cut off on the way is caught rather than shown half drawn.
 */
export const MAX_LOGO_BYTES = 500 * 1024;
export const MAX_LOGO_TEXT = '500KB';
export const LOGO_ACCEPT = '.png,.jpg,.jpeg,image/png,image/jpeg';

type LogoType = 'image/png' | 'image/jpeg';

const FORMATS: { contentType: LogoType; startsWith: Buffer; endsWith: Buffer }[] = [
  { contentType: 'image/png', startsWith: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), endsWith: Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]) },
  { contentType: 'image/jpeg', startsWith: Buffer.from([0xff, 0xd8, 0xff]), endsWith: Buffer.from([0xff, 0xd9]) },
];

export const LOGO_MESSAGES = {
  missing: 'Choose the logo to upload',
  tooLarge: `The logo must be smaller than ${MAX_LOGO_TEXT}`,
  empty: 'The file you chose is empty. Choose the logo again',
  wrongType: 'The logo must be a PNG or JPEG picture',
  cutOff: 'The logo did not arrive whole: the file may be damaged, or the upload was interrupted. Choose it again',
} as const;

export interface Logo {
  contentType: LogoType;
  data: Buffer;
}

/** The type comes from the file's own first bytes, never from the browser's claim. */
export function checkLogo(file: ReceivedFile): { ok: true; logo: Logo } | { ok: false; message: string } {
  if (file.tooLarge || file.data.length > MAX_LOGO_BYTES) return { ok: false, message: LOGO_MESSAGES.tooLarge };
  if (file.data.length === 0) return { ok: false, message: LOGO_MESSAGES.empty };
  const format = FORMATS.find((candidate) => file.data.subarray(0, candidate.startsWith.length).equals(candidate.startsWith));
  if (!format) return { ok: false, message: LOGO_MESSAGES.wrongType };
  if (!file.data.subarray(file.data.length - format.endsWith.length).equals(format.endsWith)) return { ok: false, message: LOGO_MESSAGES.cutOff };
  return { ok: true, logo: { contentType: format.contentType, data: file.data } };
}

export const logoForm = z.object({
  logo: z
    .preprocess((value) => (value instanceof ReceivedFile && value.filename !== '' ? value : undefined), z.instanceof(ReceivedFile, { error: LOGO_MESSAGES.missing }))
    .transform((file, ctx): Logo => {
      const checked = checkLogo(file);
      if (checked.ok) return checked.logo;
      ctx.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }),
});

export async function saveLogo(tx: CallerTransaction, logo: Logo | null): Promise<void> {
  const columns = { logo_file: logo?.data ?? null, logo_content_type: logo?.contentType ?? null, updated_at: new Date() };
  await tx.db
    .insertInto('scheme_settings')
    .values({ org_id: tx.caller.orgId, ...columns })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(columns))
    .execute();
}

export async function readLogo(tx: CallerTransaction): Promise<Logo | undefined> {
  const row = await tx.db.selectFrom('scheme_settings').select(['logo_file', 'logo_content_type']).where('logo_file', 'is not', null).executeTakeFirst();
  return row?.logo_file && row.logo_content_type ? { contentType: row.logo_content_type, data: Buffer.from(row.logo_file) } : undefined;
}
