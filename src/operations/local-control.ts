import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';

/*
 * While the server holds the embedded data folder, no other process may open it, so one-shot
 * commands (backup, retention) ask the server to do the work over a Unix socket. The socket is
 * local only and readable by the folder's own user alone: there is nothing to expose or sign in to.
 * It lives in the temporary folder (socket paths are limited to ~100 bytes, and a data folder image
 * must not contain one), named after the data folder's real path so any command finds it.
 */

export type ControlAction = (body: Record<string, unknown>) => Promise<Record<string, unknown>>;

export function controlSocketPath(dataDir: string): string {
  const folder = realpathSync(path.resolve(dataDir));
  return path.join(tmpdir(), `linkway-${createHash('sha256').update(folder).digest('hex').slice(0, 16)}.sock`);
}

/** Serves the actions on the data folder's socket; returns a function that stops serving. */
export async function serveLocalControl(
  dataDir: string,
  actions: Record<string, ControlAction>,
  log: FastifyBaseLogger,
): Promise<() => Promise<void>> {
  const socket = controlSocketPath(dataDir);
  // This process holds the folder's lock, so a socket already there was left by a killed holder.
  await rm(socket, { force: true });
  const server = createServer((req, res) => {
    const action = actions[(req.url ?? '').replace(/^\//, '')];
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (status: number, body: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || !action) return answer(404, { error: `No such action: ${req.url}` });
      let body: Record<string, unknown>;
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        return answer(400, { error: 'The request is not JSON' });
      }
      action(body).then(
        (result) => answer(200, result),
        (error: Error) => {
          log.error({ err: error, action: req.url }, 'A local operations request failed');
          answer(500, { error: error.message });
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  await chmod(socket, 0o600);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Asks the server holding the data folder to run an action; throws if no server answers. */
export function askRunningServer(dataDir: string, action: string, body: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: controlSocketPath(dataDir), path: `/${action}`, method: 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        if (res.statusCode === 200) resolve(answer);
        else reject(new Error(`The running server could not do it: ${String(answer.error)}`));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
