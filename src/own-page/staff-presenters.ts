import { formatUkDateTime } from '../platform/views/render.ts';
import { HELPFULNESS } from './presenters.ts';

interface StaffPageState {
  link: { expires_at: Date; last_used_at: Date | null } | undefined;
  lastSignIn: { at: Date; record_type: string } | undefined;
  addresses: { email_works: boolean; phone_works: boolean };
  feedback: { id: string; helpfulness: number; comment: string | null; created_at: Date }[];
}

function addressState(value: string | null, works: boolean, kind: 'email' | 'mobile'): string {
  if (!value) return kind === 'email' ? 'No email address on the record' : 'No phone number on the record';
  if (works) return `${value}: a code can be sent here`;
  return kind === 'email'
    ? `${value}: another record has the same email address, so no code is sent to it`
    : `${value}: not a UK mobile number, or another record has the same number, so no code is sent to it`;
}

/** The staff page's wording for the link, the ways to sign in, and the feedback given. */
export function presentStaffPage(person: { given_name: string; preferred_name: string | null; email: string | null; phone: string | null }, state: StaffPageState) {
  const { link, lastSignIn, addresses } = state;
  return {
    firstName: person.preferred_name ?? person.given_name,
    hasEmail: Boolean(person.email),
    email: person.email,
    linkWorks: Boolean(link),
    linkRows: [
      { key: { text: 'Private link' }, value: { text: link ? `Works until ${formatUkDateTime(link.expires_at)}` : 'No working link' } },
      ...(link ? [{ key: { text: 'Link last used' }, value: { text: link.last_used_at ? formatUkDateTime(link.last_used_at) : 'Not used yet' } }] : []),
      {
        key: { text: 'Last opened their page' },
        value: {
          text: lastSignIn
            ? `${formatUkDateTime(lastSignIn.at)}, ${lastSignIn.record_type === 'own_page_codes' ? 'with a code' : 'with a private link'}`
            : 'Not yet',
        },
      },
    ],
    codeRows: [
      { key: { text: 'Email' }, value: { text: addressState(person.email, addresses.email_works, 'email') } },
      { key: { text: 'Mobile' }, value: { text: addressState(person.phone, addresses.phone_works, 'mobile') } },
    ],
    canUseCode: addresses.email_works || addresses.phone_works,
    feedback: state.feedback.map((item) => ({
      at: formatUkDateTime(item.created_at),
      helpfulness: HELPFULNESS[item.helpfulness] ?? String(item.helpfulness),
      comment: item.comment ?? '',
    })),
  };
}
