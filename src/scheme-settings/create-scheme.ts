import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { DEFAULT_STREETLIGHT_RULES } from '../referrals/index.ts';

const DEFAULT_PRIVACY_NOTICE =
  'We will use what you tell us to decide how we can help, and to contact the young person. Only the people in our team who need to see it will see it. We keep it safe, and we do not share it without permission unless someone is at risk of harm.';
const DEFAULT_WHAT_HAPPENS_NEXT =
  'Someone from our team will read this within 2 working days. If we can help, a link worker will get in touch with the young person to arrange a first chat. If we are not the right service, we will say why and suggest who can help.';

const DEFAULT_REDIRECT_SERVICES = [
  {
    name: 'NHS 111, option 2 (mental health crisis)',
    when_to_use: 'When a young person is at immediate risk, or in a mental health crisis.',
    how_to_refer: 'link' as const,
    link_url: 'https://111.nhs.uk/',
  },
  {
    name: 'Local authority children’s services front door',
    when_to_use: 'When there is an active safeguarding concern about a child or young person.',
    how_to_refer: 'link' as const,
    link_url: 'https://www.gov.uk/report-child-abuse-to-local-council',
  },
];

/** A new scheme with the settings, streetlight rules and redirect services every scheme starts from. */
export async function createScheme(db: Kysely<Database> | Transaction<Database>, name: string, slug: string): Promise<string> {
  const org = await db.insertInto('organisations').values({ name, slug }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('scheme_settings')
    .values({ org_id: org.id, privacy_notice: DEFAULT_PRIVACY_NOTICE, what_happens_next: DEFAULT_WHAT_HAPPENS_NEXT })
    .execute();
  await db
    .insertInto('streetlight_rules')
    .values(DEFAULT_STREETLIGHT_RULES.map((rule) => ({ ...rule, org_id: org.id })))
    .execute();
  await db
    .insertInto('redirect_services')
    .values(DEFAULT_REDIRECT_SERVICES.map((service) => ({ ...service, org_id: org.id })))
    .execute();
  return org.id;
}
