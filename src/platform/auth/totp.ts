import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label = 'Linkway'): TOTP {
  return new TOTP({ issuer: 'Linkway', label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * Checks a code, allowing one step of clock drift either way. Returns the time step it matched so
 * the caller can refuse the same code twice (replay), or null.
 */
export function verifyTotp(secretBase32: string, code: string, lastUsedStep: number | null, now = Date.now()): number | null {
  const step = totpStep(secretBase32, code, now);
  if (step === null || (lastUsedStep !== null && step <= lastUsedStep)) return null;
  return step;
}

/** The time step a code belongs to, used or not, or null when it is no code of this secret's. */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

export function currentTotpCode(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}

export async function totpQrCodeSvg(secretBase32: string, accountEmail: string): Promise<string> {
  return QRCode.toString(totpFor(secretBase32, accountEmail).toString(), { type: 'svg', margin: 1, width: 200 });
}
