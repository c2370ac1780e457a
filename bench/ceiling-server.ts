// The machine's ceiling: a bare node:http server answering every request with one static HTML
// page of BENCH_BODY_BYTES bytes, in its own process exactly as the Linkway server is. Whatever
// Linkway reaches below this is the cost of Fastify, sessions, the database and rendering.
import http from 'node:http';
import { LISTENING_PREFIX } from './server-process.ts';

const bodyBytes = Number(process.env.BENCH_BODY_BYTES);
if (!Number.isInteger(bodyBytes) || bodyBytes < 100) throw new Error('BENCH_BODY_BYTES must be a whole number of at least 100');

const head = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Ceiling</title></head><body><p>';
const tail = '</p></body></html>\n';
// ASCII padding, so characters and bytes are the same count.
const body = Buffer.from(head + 'x'.repeat(Math.max(0, bodyBytes - head.length - tail.length)) + tail);

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
  response.end(body);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The server has no TCP address');
  process.stdout.write(`${LISTENING_PREFIX}http://127.0.0.1:${address.port}\n`);
});

process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
