import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import path from 'node:path';
import { HttpError } from '../platform/http/errors.ts';

export const MAX_FORM_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FORM_FILE_TEXT = '5MB';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * The referral forms people can open without special software, by extension: the type the
 * browser must claim, and how the file must begin. The stored type is the one named here, never
 * the browser's, so a download is always served as one of these four.
 */
export const FORM_FILE_TYPES: Record<string, { contentType: string; startsWith: Buffer }> = {
  pdf: { contentType: 'application/pdf', startsWith: Buffer.from('%PDF-') },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', startsWith: ZIP },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', startsWith: ZIP },
  doc: { contentType: 'application/msword', startsWith: OLE },
};
export const FORM_FILE_ACCEPT = Object.entries(FORM_FILE_TYPES)
  .flatMap(([extension, type]) => [`.${extension}`, type.contentType])
  .join(',');

/** A file as it arrived in a form post: kept whole unless it went over the size limit. */
export class ReceivedFile {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly data: Buffer,
    readonly tooLarge: boolean,
  ) {}
}

export interface AcceptedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export type FileProblem = 'too-large' | 'empty' | 'wrong-type';

/** Only the name's last part is kept (some browsers send a path), cut to a length that displays. */
export function cleanFileName(filename: string): string {
  const base = path.win32.basename(filename).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const extension = path.extname(base);
  return base.length <= 120 ? base : base.slice(0, 120 - extension.length) + extension;
}

export function checkFormFile(file: ReceivedFile): { ok: true; file: AcceptedFile } | { ok: false; problem: FileProblem } {
  if (file.tooLarge) return { ok: false, problem: 'too-large' };
  if (file.data.length === 0) return { ok: false, problem: 'empty' };
  const name = cleanFileName(file.filename);
  const type = FORM_FILE_TYPES[path.extname(name).slice(1).toLowerCase()];
  const claimed = file.contentType.split(';')[0]?.trim().toLowerCase();
  // Name, claimed type and first bytes must all agree: a renamed program fails at least one.
  if (!type || claimed !== type.contentType || !file.data.subarray(0, type.startsWith.length).equals(type.startsWith)) {
    return { ok: false, problem: 'wrong-type' };
  }
  return { ok: true, file: { name, contentType: type.contentType, data: file.data } };
}

/** Whoever the route would refuse anyway: their upload is read past, never kept in memory. */
function mayUpload(request: FastifyRequest): boolean {
  const account = request.account;
  const roles = request.routeOptions.config.roles;
  return Boolean(account && !account.secondFactorPending && (!roles || roles.includes(account.role)));
}

/**
 * Multipart form posts for the routes registered in `scope` only, so every other form keeps its
 * ordinary body parsing. Fields land on `request.body` as strings (the CSRF check reads `_csrf`
 * there); the file lands there as a ReceivedFile. A file over the limit is marked, not thrown,
 * so the form can say what is wrong instead of showing an error page.
 */
export async function acceptFormUploads(scope: FastifyInstance): Promise<void> {
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FORM_FILE_BYTES, files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024 },
    async onFile(part) {
      const keep = mayUpload(this);
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) {
        if (keep && !part.file.truncated) chunks.push(chunk as Buffer);
      }
      if (!keep) return;
      const tooLarge = part.file.truncated;
      part.value = new ReceivedFile(part.filename, part.mimetype, tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge);
    },
  });
  answerUnreadableUploadsAs400(scope);
}

/**
 * A body cut off before its closing boundary, or with a garbled part, fails inside the multipart
 * reader with a plain error. Only errors raised before the whole body was read are the sender's
 * fault; anything later is ours and stays a 500.
 */
function answerUnreadableUploadsAs400(scope: FastifyInstance): void {
  const bodyRead = new WeakSet<FastifyRequest>();
  // Added after the multipart plugin's own preValidation hook, so it runs only once that succeeded.
  scope.addHook('preValidation', async (request) => {
    bodyRead.add(request);
  });
  scope.setErrorHandler((error: Error & { statusCode?: number }, request) => {
    if (bodyRead.has(request) || error.statusCode !== undefined) throw error;
    request.log.info({ reqId: request.id, route: request.routeOptions.url, reason: error.message }, 'Upload could not be read');
    throw new HttpError(400, 'The upload could not be read');
  });
}
