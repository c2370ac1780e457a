import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { parseForm, typedValues, type FormErrors } from '../platform/http/forms.ts';
import { RISK_QUESTIONS, type RiskQuestion } from '../referrals/index.ts';
import { ADMINS_ONLY } from './schemas.ts';
import { text } from '../platform/http/form-fields.ts';
import { backToSettings } from './notices.ts';

const QUESTION_KEYS = Object.keys(RISK_QUESTIONS) as RiskQuestion[];
const QUESTION_MAX = 300;

export type RiskWording = Record<RiskQuestion, string>;

/** The scheme's latest wording, or the built-in one when it has never changed it. */
export async function currentRiskQuestions(tx: CallerTransaction): Promise<{ version: number | null; questions: RiskWording }> {
  const latest = await tx.db.selectFrom('risk_question_versions').select(['version', 'questions']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return latest ? { version: latest.version, questions: { ...RISK_QUESTIONS, ...latest.questions } } : { version: null, questions: { ...RISK_QUESTIONS } };
}

/** The wording a referral was answered against. */
export async function riskQuestionsOf(tx: CallerTransaction, versionId: string | null): Promise<{ version: number | null; questions: RiskWording }> {
  if (!versionId) return { version: null, questions: { ...RISK_QUESTIONS } };
  const row = await tx.db.selectFrom('risk_question_versions').select(['version', 'questions']).where('id', '=', versionId).executeTakeFirstOrThrow();
  return { version: row.version, questions: { ...RISK_QUESTIONS, ...row.questions } };
}

const wordingForm = z.object(Object.fromEntries(QUESTION_KEYS.map((key) => [key, text('The question', QUESTION_MAX, 'Enter the question')])));

async function saveVersion(tx: CallerTransaction, questions: Record<string, string>): Promise<void> {
  const { version } = await currentRiskQuestions(tx);
  await tx.db
    .insertInto('risk_question_versions')
    .values({ org_id: tx.caller.orgId, version: (version ?? 0) + 1, questions: JSON.stringify(questions), created_by: tx.caller.userId })
    .execute();
}

const PATH = '/settings/risk-questions';

/** Admins change the questions' wording; each change is a new version, and earlier referrals keep theirs. */
export function riskQuestionRoutes(app: FastifyInstance): void {
  const page = (reply: FastifyReply, version: number | null, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.status(errors ? 400 : 200).render('scheme-settings/views/risk-questions.njk', {
      pageTitle: 'Risk questions',
      backHref: '/settings/streetlight',
      version,
      fields: QUESTION_KEYS.map((key) => ({ name: key, builtIn: RISK_QUESTIONS[key] })),
      maxLength: QUESTION_MAX,
      values,
      errors,
    });

  app.get(PATH, { config: ADMINS_ONLY }, async (request, reply) => {
    const current = await request.data.run(currentRiskQuestions);
    return page(reply, current.version, current.questions);
  });

  app.post(PATH, { config: ADMINS_ONLY }, async (request, reply) => {
    const form = parseForm(wordingForm, request.body);
    if (!form.ok) {
      const current = await request.data.run(currentRiskQuestions);
      return page(reply, current.version, typedValues(request.body), form.errors);
    }
    await request.data.run((tx) => saveVersion(tx, form.data as Record<string, string>));
    return backToSettings(reply, 'risk-questions');
  });
}
