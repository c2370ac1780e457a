import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { RISK_ANSWERS, RISK_QUESTIONS } from '../referrals/index.ts';
import { RATING_LABELS } from '../domain/codes.ts';
import { addRule, changeRule, findRule, isDuplicateRule, listRules, removeRule, type RuleRow } from './queries.ts';
import { ADMINS_ONLY, idFrom, ruleForm, TEXT_LIMITS, type RuleInput } from './schemas.ts';
import { presentRules, RATING_MEANINGS, RATINGS, ratingTag } from './presenters.ts';
import { backToSettings } from './notices.ts';
import { confirmationPage } from './confirmation.ts';

const RULE_PAGE = 'scheme-settings/views/rule.njk';
const RULES_PATH = '/settings/streetlight';

const choices = (record: Record<string, string>) => Object.entries(record).map(([value, text]) => ({ value, text }));
/** What every rule form chooses from; ratings carry their meaning as a hint. */
const RULE_CHOICES = {
  questions: choices(RISK_QUESTIONS),
  answers: choices(RISK_ANSWERS),
  ratings: RATINGS.map((rating) => ({ value: rating, text: RATING_LABELS[rating], hint: RATING_MEANINGS[rating] })),
  reasonLimit: TEXT_LIMITS.reason,
};

const DUPLICATE = formErrors({ question: 'There is already a rule for this answer to this question. Change or remove that rule instead' });

export function ruleRoutes(app: FastifyInstance): void {
  app.get(RULES_PATH, { config: ADMINS_ONLY }, async (request, reply) => {
    const rules = await request.data.run(listRules);
    return reply.render('scheme-settings/views/rules.njk', {
      pageTitle: 'Streetlight rules',
      backHref: '/settings',
      columnWidth: 'full',
      rules: presentRules(rules),
      ratings: RATINGS.map((rating) => ({ tag: ratingTag(rating), meaning: RATING_MEANINGS[rating] })),
    });
  });

  const rulePage = (reply: FastifyReply, page: { title: string; action: string; values: Record<string, unknown>; errors?: FormErrors }) =>
    reply.render(RULE_PAGE, { ...RULE_CHOICES, pageTitle: page.title, backHref: RULES_PATH, ...page });

  /** Saves a checked rule; the database refuses a second rule for the same answer, and the form says so. */
  const saveRule = async (request: FastifyRequest, reply: FastifyReply, title: string, save: (rule: RuleInput) => Promise<void>, notice: string) => {
    const action = request.url.split('?')[0] ?? request.url;
    const form = parseForm(ruleForm, request.body);
    const refused = (errors: FormErrors) => rulePage(reply.status(400), { title, action, values: typedValues(request.body), errors });
    if (!form.ok) return refused(form.errors);
    try {
      await save(form.data);
    } catch (error) {
      if (isDuplicateRule(error)) return refused(DUPLICATE);
      throw error;
    }
    return backToSettings(reply, notice);
  };

  app.get(`${RULES_PATH}/new`, { config: ADMINS_ONLY }, (request, reply) => rulePage(reply, { title: 'Add a streetlight rule', action: request.url, values: {} }));

  app.post(`${RULES_PATH}/new`, { config: ADMINS_ONLY }, (request, reply) =>
    saveRule(request, reply, 'Add a streetlight rule', (rule) => request.data.run((tx) => addRule(tx, rule)), 'rule-added'),
  );

  const ruleFrom = (request: FastifyRequest) => request.data.run((tx) => findRule(tx, idFrom(request)));

  app.get(`${RULES_PATH}/:id/change`, { config: ADMINS_ONLY }, async (request, reply) => {
    const rule = await ruleFrom(request);
    const values = { question: rule.question, answer: rule.answer, rating: rule.rating, reason: rule.reason };
    return rulePage(reply, { title: 'Change a streetlight rule', action: `${RULES_PATH}/${rule.id}/change`, values });
  });

  app.post(`${RULES_PATH}/:id/change`, { config: ADMINS_ONLY }, async (request, reply) => {
    // Looked up first, so another scheme's rule answers 404 even to a form with mistakes.
    const { id } = await ruleFrom(request);
    return saveRule(request, reply, 'Change a streetlight rule', (rule) => request.data.run((tx) => changeRule(tx, id, rule)), 'rule-changed');
  });

  const removal = (rule: RuleRow) => {
    const [shown] = presentRules([rule]);
    return {
      pageTitle: 'Remove this streetlight rule?',
      rows: [
        { key: 'Question', value: shown!.questionText },
        { key: 'Answer', value: shown!.answerText },
        { key: 'Rating', value: RATING_LABELS[rule.rating] },
        { key: 'Reason', value: rule.reason },
      ],
      paragraphs: [`After this, the answer “${shown!.answerText}” to this question will count as green.`],
      buttonText: 'Remove rule',
      action: `${RULES_PATH}/${rule.id}/remove`,
      cancelHref: RULES_PATH,
    };
  };

  app.get(`${RULES_PATH}/:id/remove`, { config: ADMINS_ONLY }, async (request, reply) => confirmationPage(reply, removal(await ruleFrom(request))));

  app.post(`${RULES_PATH}/:id/remove`, { config: ADMINS_ONLY }, async (request, reply) => {
    await request.data.run((tx) => removeRule(tx, idFrom(request)));
    return backToSettings(reply, 'rule-removed');
  });
}
