import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const NHSUK_DIST = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');
const OWN_ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));

export interface FingerprintedAsset {
  url: string;
  file: string;
  contentType: string;
}

const SOURCES: Record<string, { file: string; contentType: string }> = {
  'nhsuk.css': { file: path.join(NHSUK_DIST, 'nhsuk-frontend.min.css'), contentType: 'text/css; charset=utf-8' },
  'nhsuk.js': { file: path.join(NHSUK_DIST, 'nhsuk-frontend.min.js'), contentType: 'text/javascript; charset=utf-8' },
  'linkway.css': { file: path.join(OWN_ASSETS, 'linkway.css'), contentType: 'text/css; charset=utf-8' },
};

/**
 * Each asset's URL carries a hash of its content, so browsers may cache it for a year and still
 * get a new file the moment it changes.
 */
export function fingerprintAssets(): Map<string, FingerprintedAsset> {
  const assets = new Map<string, FingerprintedAsset>();
  for (const [name, source] of Object.entries(SOURCES)) {
    const hash = createHash('sha256').update(readFileSync(source.file)).digest('hex').slice(0, 12);
    const ext = path.extname(name);
    const url = `/assets/${path.basename(name, ext)}-${hash}${ext}`;
    assets.set(name, { url, file: source.file, contentType: source.contentType });
  }
  return assets;
}
