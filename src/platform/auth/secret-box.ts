import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Each purpose gets its own key, so a value sealed for one purpose cannot be replayed as another. */
export type SealPurpose = 'second-factor' | 'invitation-link' | 'referral-tracking-link' | 'own-page-link' | 'measure-link';

/** Encrypts small secrets (second-factor keys at rest, a just-made invitation link) with keys derived from SESSION_SECRET. */
export class SecretBox {
  private readonly keys = new Map<SealPurpose, Buffer>();

  constructor(private readonly secret: string) {}

  private key(purpose: SealPurpose): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.secret, 'linkway', purpose, 32));
      this.keys.set(purpose, key);
    }
    return key;
  }

  seal(plain: string, purpose: SealPurpose): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(purpose), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
  }

  open(sealed: string, purpose: SealPurpose): string {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !body) throw new Error('Sealed secret is malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.key(purpose), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }
}
