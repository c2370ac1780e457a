import { randomInt } from 'node:crypto';
import { hashToken } from '../platform/auth/tokens.ts';
import type { MessageChannel } from '../platform/db/tables/own-page.ts';

export interface SignInAddress {
  channel: MessageChannel;
  /** Email in lower case, or a UK mobile number as 07… with no spaces. */
  value: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** UK numbers arrive as "07700 900123", "+44 (0)7700 900123" or "0044…": one form to compare. */
export function normalisePhone(typed: string): string {
  return typed.replace(/[^0-9+]/g, '').replace(/^(\+44|0044)0?/, '0');
}

/** What someone typed to get a code: an email address or a UK mobile number, or undefined for neither. */
export function signInAddress(typed: string): SignInAddress | undefined {
  const trimmed = typed.trim();
  if (trimmed.includes('@')) return EMAIL.test(trimmed) ? { channel: 'email', value: trimmed.toLowerCase() } : undefined;
  const phone = normalisePhone(trimmed);
  return /^07\d{9}$/.test(phone) ? { channel: 'text', value: phone } : undefined;
}

export const CODE_LENGTH = 6;

/** A six-digit code, every value equally likely, leading zeros kept. */
export function newSignInCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

/**
 * The code is stored hashed together with the asking browser's token, so the same six digits make
 * a different hash in every request and a copy of the table gives no head start on guessing.
 */
export function codeHash(requestToken: string, code: string): string {
  return hashToken(`${requestToken}.${code}`);
}
