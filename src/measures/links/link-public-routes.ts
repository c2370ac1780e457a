import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/http/context.ts';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import { schemelessData } from '../../refer/index.ts';
import { publicFormConfig } from '../../refer/index.ts';
import { InvalidAnswersError } from '../scoring/scoring.ts';
import { openMeasureLink, saveLinkAnswer, sendLinkAnswers, type OpenMeasureLink } from './link-answers.ts';
import { answerRows, firstUnanswered, nextStep, optionItems, optionLabel, questionAt } from './link-questions.ts';

/**
 * The pages a young person reaches from a measure link, on their phone and with no account: a
 * start page, one question per screen, a check of their answers, and "Send". Every answer is saved
 * as it is given, so they can stop and come back with the same link until it is sent.
 */

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
const questionParams = tokenParams.extend({ question: z.coerce.number().int().min(1).max(200) });
const CHOOSE_AN_ANSWER = 'Choose an answer';

const linkPath = (token: string) => `/m/${token}`;
const questionPath = (token: string, number: number) => `${linkPath(token)}/${number}`;
const checkPath = (token: string) => `${linkPath(token)}/check`;
const SENT_PATH = '/m/sent';

const isChanging = (request: FastifyRequest) => (request.query as { change?: string } | undefined)?.change === '1';

export function measureLinkPublicRoutes(app: FastifyInstance, context: AppContext): void {
  // Guessing a link should be slow; the question pages allow more, as one person moves through many.
  const throttled = publicFormConfig(context);
  const answering = { public: true, rateLimit: { max: context.config.rateLimitPerMinute * 5, timeWindow: '1 minute' } };
  const data = (request: FastifyRequest) => schemelessData(context, request);

  const gone = (reply: FastifyReply) => reply.status(410).header('cache-control', 'no-store').render('measures/links/views/link-gone.njk', { pageTitle: 'This link no longer works' });

  /** Runs with the link open, or answers kindly that it no longer works. */
  async function withLink<T>(request: FastifyRequest, token: string, work: (tx: CallerTransaction, link: OpenMeasureLink) => Promise<T>): Promise<T | undefined> {
    return data(request).run(async (tx) => {
      const link = await openMeasureLink(tx, token);
      return link ? work(tx, link) : undefined;
    });
  }

  const render = (reply: FastifyReply, view: string, values: Record<string, unknown>) =>
    reply.header('cache-control', 'no-store').render(`measures/links/views/${view}`, values);

  app.get(SENT_PATH, { config: { public: true } }, async (_request, reply) =>
    reply.render('measures/links/views/link-sent.njk', { pageTitle: 'Your answers have been sent' }),
  );

  app.get('/m/:token', { config: throttled }, async (request, reply) => {
    const params = tokenParams.safeParse(request.params);
    const link = params.success ? await data(request).run((tx) => openMeasureLink(tx, params.data.token)) : undefined;
    if (!params.success || !link) return gone(reply);
    const token = params.data.token;
    const next = firstUnanswered(link.definition, link.progress);
    const started = Object.keys(link.progress).length > 0;
    return render(reply, 'link-start.njk', {
      pageTitle: 'A few short questions from your link worker',
      definition: link.definition,
      questionCount: link.definition.items.length,
      started,
      continueHref: next === undefined ? checkPath(token) : questionPath(token, next),
    });
  });

  const questionPage = (token: string, link: OpenMeasureLink, number: number, changing: boolean, extra: Record<string, unknown> = {}) => {
    const item = questionAt(link.definition, number)!;
    return {
      pageTitle: item.text,
      backHref: changing ? checkPath(token) : number === 1 ? linkPath(token) : questionPath(token, number - 1),
      item,
      items: optionItems(item, link.progress[item.id]),
      counter: `Question ${number} of ${link.definition.items.length}`,
      timeFrame: link.definition.timeFrame,
      action: `${questionPath(token, number)}${changing ? '?change=1' : ''}`,
      ...extra,
    };
  };

  app.get('/m/:token/check', { config: answering }, async (request, reply) => {
    const params = tokenParams.safeParse(request.params);
    if (!params.success) return gone(reply);
    const token = params.data.token;
    const link = await data(request).run((tx) => openMeasureLink(tx, token));
    if (!link) return gone(reply);
    const missing = firstUnanswered(link.definition, link.progress);
    if (missing !== undefined) return reply.redirect(questionPath(token, missing), 303);
    return render(reply, 'link-check.njk', {
      pageTitle: 'Your answers',
      backHref: questionPath(token, link.definition.items.length),
      rows: answerRows(link.definition, link.progress, (number) => questionPath(token, number)),
      action: checkPath(token),
    });
  });

  app.post('/m/:token/check', { config: throttled }, async (request, reply) => {
    const params = tokenParams.safeParse(request.params);
    if (!params.success) return gone(reply);
    const token = params.data.token;
    const outcome = await withLink(request, token, async (tx, link) => {
      const missing = firstUnanswered(link.definition, link.progress);
      if (missing !== undefined) return { redirect: questionPath(token, missing) };
      try {
        return (await sendLinkAnswers(tx, token, link)) ? { redirect: SENT_PATH } : { redirect: checkPath(token) };
      } catch (error) {
        if (!(error instanceof InvalidAnswersError)) throw error;
        // Saved answers are checked one by one as they are given, so this means a definition changed under a live link.
        request.log.error({ err: error, measure: link.definition.key, version: link.definition.version }, 'Answers sent through a measure link could not be scored');
        throw error;
      }
    });
    if (!outcome) return gone(reply);
    return reply.redirect(outcome.redirect, 303);
  });

  app.get('/m/:token/:question', { config: answering }, async (request, reply) => {
    const params = questionParams.safeParse(request.params);
    if (!params.success) return gone(reply);
    const { token, question } = params.data;
    const link = await data(request).run((tx) => openMeasureLink(tx, token));
    if (!link) return gone(reply);
    if (!questionAt(link.definition, question)) return reply.redirect(linkPath(token), 303);
    return render(reply, 'link-question.njk', questionPage(token, link, question, isChanging(request)));
  });

  app.post('/m/:token/:question', { config: answering }, async (request, reply) => {
    const params = questionParams.safeParse(request.params);
    if (!params.success) return gone(reply);
    const { token, question } = params.data;
    const changing = isChanging(request);
    const typed = (request.body as { answer?: unknown } | undefined)?.answer;
    const outcome = await withLink(request, token, async (tx, link) => {
      const item = questionAt(link.definition, question);
      if (!item) return { redirect: linkPath(token) };
      const value = typeof typed === 'string' && /^-?\d+$/.test(typed) ? Number(typed) : undefined;
      if (value === undefined || optionLabel(item, value) === undefined) {
        const errors = { list: [{ text: CHOOSE_AN_ANSWER, href: '#answer' }], fields: { answer: { text: CHOOSE_AN_ANSWER } } };
        return { invalid: questionPage(token, link, question, changing, { errors }) };
      }
      if (!(await saveLinkAnswer(tx, token, item.id, value))) return undefined;
      const progress = { ...link.progress, [item.id]: value };
      const next = nextStep(link.definition, progress, question, changing);
      return { redirect: next === 'check' ? checkPath(token) : questionPath(token, next) };
    });
    if (!outcome) return gone(reply);
    if (outcome.invalid) return render(reply.status(400), 'link-question.njk', outcome.invalid);
    return reply.redirect(outcome.redirect!, 303);
  });
}
