import nunjucks from 'nunjucks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NHSUK_DIST, type FingerprintedAsset } from './assets.ts';

const SRC_DIR = fileURLToPath(new URL('../../', import.meta.url));

export function createTemplateEnvironment(assets: Map<string, FingerprintedAsset>, watch = false): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([SRC_DIR, path.dirname(NHSUK_DIST)], { noCache: watch, watch: false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addGlobal('assetHref', (name: string) => {
    const asset = assets.get(name);
    if (!asset) throw new Error(`Unknown asset "${name}"`);
    return asset.url;
  });
  env.addFilter('ukDate', (value: unknown) => formatUkDate(value));
  env.addFilter('ukDateTime', (value: unknown) => formatUkDateTime(value));
  return env;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

export function formatUkDate(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(String(value instanceof Date ? value.toISOString() : value));
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

export function formatUkDateTime(value: unknown): string {
  if (!(value instanceof Date) && typeof value !== 'string') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : dateTimeFormat.format(date);
}
