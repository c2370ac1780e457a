import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { migratedDatabaseForProcess } from '../../test/support/test-database.ts';
import { freePort, startLinkwayProcess, type ServerProcess } from '../../test/support/server-process.ts';

const IN_FLIGHT = 10;
const CONNECTED_ONLY = 20;

let folder: string;
let removeDatabase: () => Promise<void>;
let server: ServerProcess;
let port: number;
before(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'linkway-shutdown-'));
  const database = await migratedDatabaseForProcess(path.join(folder, 'data'));
  removeDatabase = database.remove;
  port = await freePort();
  // A grace period long enough for a loaded test machine: only the order of events is tested.
  server = startLinkwayProcess({ ...database.env, PORT: String(port), RATE_LIMIT_PER_MINUTE: '10000', SHUTDOWN_GRACE_SECONDS: '60' });
  await server.printed('Linkway is running');
});
after(async () => {
  server.child.kill('SIGKILL');
  await removeDatabase();
  await rm(folder, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
  setCookie: string[];
}

/**
 * One request on its own connection, as separate browsers would send them. The connection opens at
 * once; the request is written when `send` is called, so a test can hold an idle connection open.
 */
function connect(method: string, url: string, headers: Record<string, string> = {}): { connected: Promise<void>; send: (body?: string) => void; answer: Promise<Reply> } {
  let request!: http.ClientRequest;
  let connected!: Promise<void>;
  const answer = new Promise<Reply>((resolve, reject) => {
    request = http.request({ host: '127.0.0.1', port, method, path: url, agent: false, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, setCookie: response.headers['set-cookie'] ?? [] }));
    });
    connected = new Promise((done) => request.once('socket', (socket) => socket.once('connect', done)));
    request.on('error', reject);
  });
  return { connected, send: (body = '') => void request.end(body), answer };
}

function get(url: string): Promise<Reply> {
  const request = connect('GET', url);
  request.send();
  return request.answer;
}

test('requests in flight or arriving on open connections when SIGTERM comes are all answered', async () => {
  const form = await get('/sign-in');
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  assert.ok(token, 'the sign-in form carries a CSRF token');
  const cookie = form.setCookie.map((line) => line.split(';')[0]).join('; ');
  // Each wrong sign-in spends a password hash, so together they take a while to answer.
  const body = new URLSearchParams({ _csrf: token, email: 'nobody@example.org', password: 'not the password' }).toString();
  const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
  const inFlight = Array.from({ length: IN_FLIGHT }, () => connect('POST', '/sign-in', headers));
  const connectedOnly = Array.from({ length: CONNECTED_ONLY }, () => connect('POST', '/sign-in', headers));
  const settled = Promise.all([...inFlight, ...connectedOnly].map(({ answer }) => answer.then((reply) => reply, (error: Error) => error)));
  await Promise.all([...inFlight, ...connectedOnly].map(({ connected }) => connected));
  for (const request of inFlight) request.send(body);

  const shuttingDown = server.printed('Shutting down');
  server.child.kill('SIGTERM');
  await shuttingDown;
  // Connections made before the signal whose request only arrives now, as from a slow client.
  for (const request of connectedOnly) request.send(body);

  const replies = await settled;
  // Wrong details (401), or after five of them the sign-in throttle (429): either way a sign-in page.
  const failures = replies.filter((reply) => reply instanceof Error || ![401, 429].includes(reply.status));
  assert.deepEqual(failures, [], 'each got the sign-in page back: no connection reset, no 503');
  const { code, stdout } = await server.exited;
  assert.equal(code, 0);
  assert.match(stdout, /Requests in flight finished/);
  await assert.rejects(get('/health'), /ECONNREFUSED/, 'nothing is accepted once it has stopped');
});
