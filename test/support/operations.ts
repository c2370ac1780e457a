import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../../src/platform/db/database.ts';
import { embeddedTemplate } from '../../test/support/database-template.ts';

/*
 * The operations tests run Linkway as operators do: real processes (`npm start`, `npm run …`) on a
 * real data folder, talking HTTP over a real socket.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A data folder holding the migrated database, made by running `prepare` on it before anything else opens it. */
export async function newDataFolder(prepare?: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>): Promise<string> {
  const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'linkway-ops-')), 'data');
  const database = await openDatabase({ dataDir, embeddedImage: await embeddedTemplate() });
  try {
    await prepare?.(database);
  } finally {
    await database.close();
  }
  return dataDir;
}

function commandEnvironment(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { TEST_DATABASE_URL: _server, DATABASE_URL: _url, ...env } = process.env;
  return { ...env, NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'never', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000', ...extra };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): { output: () => Finished; exited: Promise<Finished> } {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const output = () => ({ code: child.exitCode, stdout, stderr });
  const exited = new Promise<Finished>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { output, exited };
}

/** Runs a Linkway script (`src/…`, as its npm script does) to the end. */
export function runScript(script: string, dataDir: string, args: string[] = [], extra: Record<string, string> = {}): Promise<Finished> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], { cwd: ROOT, env: commandEnvironment(dataDir, extra) });
  return collect(child).exited;
}

export interface RunningServer {
  pid: number;
  url: string;
  stop(): Promise<Finished>;
}

/** `npm start` on the folder; resolves once it prints its address, rejects if it exits first. */
export function startServer(dataDir: string, extra: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], { cwd: ROOT, env: commandEnvironment(dataDir, { PORT: '0', ...extra }) });
  const { output, exited } = collect(child);
  return new Promise((resolve, reject) => {
    const watch = () => {
      const url = /Linkway is running at (http:\/\/\S+)/.exec(output().stdout)?.[1];
      if (!url) return;
      child.stdout!.off('data', watch);
      resolve({
        pid: child.pid!,
        url,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout!.on('data', watch);
    void exited.then((finished) => reject(new Error(`The server exited before it was ready (${finished.code}): ${finished.stderr}`)));
  });
}

/**
 * An `inject` that goes over real HTTP, so the TestAgent (cookies, CSRF tokens from the form) can
 * drive a server running in another process.
 */
export function overHttp(baseUrl: string): FastifyInstance {
  const inject = async (options: { method: string; url: string; headers: Record<string, string>; payload?: string }) => {
    const response = await fetch(new URL(options.url, baseUrl), { method: options.method, headers: options.headers, body: options.payload ?? null, redirect: 'manual' });
    const cookies = response.headers.getSetCookie().map((header) => {
      const [pair, ...attributes] = header.split(';');
      const [name, ...value] = pair!.split('=');
      const maxAge = attributes.map((part) => /^\s*max-age=(-?\d+)/i.exec(part)?.[1]).find(Boolean);
      return { name: name!.trim(), value: value.join('=').trim(), ...(maxAge ? { maxAge: Number(maxAge) } : {}) };
    });
    return { statusCode: response.status, body: await response.text(), headers: Object.fromEntries(response.headers), cookies };
  };
  return { inject } as unknown as FastifyInstance;
}
