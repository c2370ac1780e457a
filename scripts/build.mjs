// Compiles src/ to dist/ for `npm start`, `npm run migrate` and `npm run retention`, so a start
// pays for loading JavaScript, not for the TypeScript compiler (docs/decisions/0003).
// Each file is compiled on its own into the same place under dist/ as under src/, with its
// relative imports renamed from .ts to .js; templates, schemas and styles are copied beside them,
// so paths worked out from import.meta.url find the same files from dist/ as from src/.
// Tests and type checking still run the TypeScript sources directly.
// --if-changed (used by npm start) does nothing when no file under src/ has changed since the last build.
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SRC = 'src';
const DIST = 'dist';
const isTest = (file) => file.endsWith('.test.ts');

const STAMP = path.join(DIST, '.built-from');

const files = (await readdir(SRC, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
  .sort();

/** Names, sizes and change times of every source file: differs whenever any is added, removed or edited. */
async function sourcesFingerprint() {
  const hash = createHash('sha256');
  for (const file of files) {
    const { size, mtimeMs } = await stat(file);
    hash.update(`${file}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

const fingerprint = await sourcesFingerprint();
if (process.argv.includes('--if-changed') && (await readFile(STAMP, 'utf8').catch(() => '')) === fingerprint) process.exit(0);

/** Leaves every import where it is (no bundling); a relative one to a .ts file now names the .js. */
const keepImportsSeparate = {
  name: 'keep-imports-separate',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true }));
  },
};

// Loaded only now: a start with nothing to build should not even load the compiler.
const { build } = await import('esbuild');
await rm(DIST, { recursive: true, force: true });
await build({
  entryPoints: files.filter((file) => file.endsWith('.ts') && !isTest(file)),
  outdir: DIST,
  outbase: SRC,
  bundle: true,
  packages: 'external',
  plugins: [keepImportsSeparate],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
await Promise.all(files.filter((file) => !file.endsWith('.ts')).map((file) => cp(file, path.join(DIST, path.relative(SRC, file)))));
await writeFile(STAMP, fingerprint);
