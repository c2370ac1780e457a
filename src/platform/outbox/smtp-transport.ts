import nodemailer from 'nodemailer';
import type { MailTransport } from './worker.ts';

/**
 * An SMTP transport with timeouts short enough that one unreachable server cannot hold a send
 * past the worker's lease, nor keep a stopping process waiting for minutes.
 */
export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
}
