import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { parseForm, type FormErrors } from '../platform/http/forms.ts';
import { schemeLogoPath } from '../platform/http/render-plugin.ts';
import { schemeFrom } from '../refer/index.ts';
import { ADMINS_ONLY } from './schemas.ts';
import { acceptFormUploads } from './uploads.ts';
import { LOGO_ACCEPT, logoForm, MAX_LOGO_TEXT, readLogo, saveLogo } from './logo.ts';
import { backToSettings } from './notices.ts';

const LOGO_PAGE = '/settings/logo';

export async function logoRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  // Public: the header of the scheme's public pages shows it too.
  app.get('/schemes/:slug/logo', { config: { public: true } }, async (request, reply) => {
    const { data } = await schemeFrom(context, request);
    const logo = await data.run(readLogo);
    if (!logo) throw new NotFoundError();
    return reply
      .header('Content-Type', logo.contentType)
      .header('X-Content-Type-Options', 'nosniff')
      // Opened on its own, it is still only a picture: nothing in it may run or load.
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .header('Cache-Control', 'public, no-cache')
      .send(logo.data);
  });

  await app.register(async (scoped) => {
    await acceptFormUploads(scoped);
    const page = async (reply: FastifyReply, hasLogo: boolean, slug: string, errors?: FormErrors) =>
      reply.render('scheme-settings/views/logo.njk', {
        pageTitle: 'Logo',
        backHref: '/settings',
        action: LOGO_PAGE,
        accept: LOGO_ACCEPT,
        maxSize: MAX_LOGO_TEXT,
        logoSrc: hasLogo ? schemeLogoPath(slug) : undefined,
        errors,
      });

    scoped.get(LOGO_PAGE, { config: ADMINS_ONLY }, async (request, reply) => {
      const logo = await request.data.run(readLogo);
      return page(reply, Boolean(logo), request.account!.organisationSlug);
    });

    scoped.post(LOGO_PAGE, { config: ADMINS_ONLY }, async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      if (body.remove === 'yes') {
        await request.data.run((tx) => saveLogo(tx, null));
        return backToSettings(reply, 'logo-removed');
      }
      const form = parseForm(logoForm, body);
      if (!form.ok) {
        const logo = await request.data.run(readLogo);
        return page(reply.status(400), Boolean(logo), request.account!.organisationSlug, form.errors);
      }
      await request.data.run((tx) => saveLogo(tx, form.data.logo));
      return backToSettings(reply, 'logo-saved');
    });
  });
}
