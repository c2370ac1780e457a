import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { formErrors, parseForm, typedValues } from '../platform/http/forms.ts';
import { newTotpSecret, totpQrCodeSvg, verifyTotp } from '../platform/auth/totp.ts';
import { secondFactorForm } from './schemas.ts';
import { ROLE_NAMES } from '../platform/auth/roles.ts';
import { z } from 'zod';

const setupForm = secondFactorForm.extend({ sealedSecret: z.string().min(1).max(500) });

export function accountRoutes(app: FastifyInstance, context: AppContext): void {
  const config = { beforeSecondFactorSetup: true };

  app.get('/account', { config }, (request, reply) => {
    const account = request.account!;
    return reply.render('auth/views/account.njk', { pageTitle: 'Your account', roleName: ROLE_NAMES[account.role], notice: (request.query as { notice?: string }).notice === 'two-factor-on' });
  });

  async function renderSetup(sealedSecret: string, email: string, extra: Record<string, unknown> = {}) {
    const secret = context.secretBox.open(sealedSecret, 'second-factor');
    return { pageTitle: 'Set up your second factor', secret, sealedSecret, qrCode: await totpQrCodeSvg(secret, email), values: {}, ...extra };
  }

  app.get('/account/two-factor', { config }, async (request, reply) => {
    const account = request.account!;
    const sealedSecret = context.secretBox.seal(newTotpSecret(), 'second-factor');
    return reply.render('auth/views/two-factor-setup.njk', await renderSetup(sealedSecret, account.email));
  });

  app.post('/account/two-factor', { config }, async (request, reply) => {
    const account = request.account!;
    const form = parseForm(setupForm, request.body);
    const sealedSecret = String(typedValues(request.body).sealedSecret ?? '');
    let secret: string;
    try {
      secret = context.secretBox.open(sealedSecret, 'second-factor');
    } catch {
      request.log.warn({ reqId: request.id }, 'Second-factor setup arrived with an unreadable secret');
      return reply.redirect('/account/two-factor', 303);
    }
    const step = form.ok ? verifyTotp(secret, form.data.code, null) : null;
    if (!form.ok || step === null) {
      const errors = form.ok ? formErrors({ code: 'The code is not right. Check the app shows Linkway and enter the newest code' }) : form.errors;
      return reply.status(400).render('auth/views/two-factor-setup.njk', await renderSetup(sealedSecret, account.email, { values: typedValues(request.body), errors }));
    }
    await request.data.run((tx) =>
      tx.db
        .updateTable('users')
        .set({ totp_secret: sealedSecret, totp_enabled: true, totp_last_step: step })
        .where('id', '=', account.userId)
        .execute(),
    );
    return reply.redirect('/account?notice=two-factor-on', 303);
  });
}
