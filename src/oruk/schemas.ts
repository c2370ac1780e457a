import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The Open Referral UK 3.0 JSON schemas (copied into ./schema from the standard, CC BY-SA 4.0),
 * compiled once. The single-object schemas refer to each other by file name; the `compiled`
 * folder holds the same objects with every reference inlined, as the OpenAPI document uses them.
 */
const SCHEMA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema');
const BASE = 'https://linkway.invalid/oruk/schema/';

export type SchemaName =
  | 'service'
  | 'organization'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'phone'
  | 'location'
  | 'service_at_location'
  | 'compiled/service'
  | 'compiled/service_list'
  | 'compiled/service_at_location'
  | 'compiled/service_at_location_list'
  | 'compiled/service_package'
  | 'compiled/organization';

function loadAjv(): Ajv {
  // The schemas carry Frictionless Data keywords (constraints, core, datapackage_type...) that
  // JSON Schema ignores; strict mode would refuse them.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const folder of ['', 'compiled/']) {
    for (const file of readdirSync(path.join(SCHEMA_DIR, folder)).filter((name) => name.endsWith('.json') && name !== 'openapi.json')) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, folder, file), 'utf8')) as Record<string, unknown>;
      ajv.addSchema({ ...schema, $id: `${BASE}${folder}${file}` });
    }
  }
  return ajv;
}

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

export function orukValidator(name: SchemaName): ValidateFunction {
  ajv ??= loadAjv();
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.getSchema(`${BASE}${name}.json`);
    if (!validate) throw new Error(`No ORUK schema named ${name}`);
    compiled.set(name, validate);
  }
  return validate;
}

/** Problems in words a person can act on, e.g. "minimum_age must be number". */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the record';
    return `${where} ${error.message ?? 'is not valid'}`;
  });
}

/** The ORUK paged envelope shared by every list. */
export const PAGE_SCHEMA = {
  type: 'object',
  required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  properties: {
    total_items: { type: 'integer' },
    total_pages: { type: 'integer' },
    page_number: { type: 'integer' },
    size: { type: 'integer' },
    first_page: { type: 'boolean' },
    last_page: { type: 'boolean' },
    empty: { type: 'boolean' },
    contents: { type: 'array' },
  },
} as const;
