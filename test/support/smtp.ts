import { after, before } from 'node:test';
import { startTestApp, type TestApp } from './test-app.ts';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  from: string;
  to: string[];
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedEmail[];
  /** The next `count` emails are refused with a temporary failure (451), as a busy server does. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/** The server of a test app: `sent()` runs the app's outbox to completion, then gives all received. */
export interface AppSmtpServer extends TestSmtpServer {
  sent(): Promise<ReceivedEmail[]>;
}

/** A real SMTP server on a loopback port, keeping what it receives, for tests of outgoing email. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals === 0) return callback();
      refusals -= 1;
      callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count) {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The plain-text body of a received email, with quoted-printable soft line breaks undone. */
export function emailText(raw: string): string {
  const body = raw.split(/\r?\n\r?\n/).slice(1).join('\n\n');
  return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * One app for the test file (or suite) whose email goes to a real local SMTP server: starts both
 * before the tests, hands them over, and stops both afterwards.
 */
export function useTestAppWithSmtp(ready: (t: TestApp, smtp: AppSmtpServer) => void): void {
  let t: TestApp | undefined;
  let smtp: TestSmtpServer | undefined;
  before(async () => {
    smtp = await startTestSmtpServer();
    const app = await startTestApp({ smtpUrl: smtp.url });
    t = app;
    const received = smtp.received;
    ready(app, {
      ...smtp,
      async sent() {
        await app.app.linkway.messenger.outbox.drain();
        return received;
      },
    });
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });
}
