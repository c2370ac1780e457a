import { z } from 'zod';
import { calendarDateField } from '../platform/http/date-field.ts';
import { text, wholeNumber } from '../platform/http/form-fields.ts';

export const NOTE_MAX = 1000;

/** What a young person (or someone for them) can ask, in the words the page uses. */
export const REQUEST_KINDS = {
  subject_access: { text: 'A copy of everything we hold (subject access)', hint: 'Answer within one month of receiving it.' },
  correction: { text: 'To correct something we hold', hint: 'Change their details, then mark the request done. The old value stays in the history.' },
  erasure: { text: 'To erase their record', hint: 'Refused while a safeguarding concern is open or they are being supported.' },
} as const;

export const KIND_LABELS: Record<string, string> = {
  subject_access: 'Subject access',
  correction: 'Correction',
  erasure: 'Erasure',
  retention: 'Retention period ended',
};

export const STATUS_TAGS: Record<string, { text: string; colour: string }> = {
  open: { text: 'Open', colour: 'blue' },
  done: { text: 'Done', colour: 'green' },
  refused: { text: 'Refused', colour: 'orange' },
};

export const requestForm = z.object({
  kind: z.enum(Object.keys(REQUEST_KINDS) as [keyof typeof REQUEST_KINDS], { error: 'Choose what they asked for' }),
  requestedBy: text('Who asked', 200, 'Enter who asked, for example “the young person” or “their mum”'),
  receivedOn: calendarDateField({ label: 'the date it was received', mustBePast: true }),
});

export const decisionForm = z
  .object({
    decision: z.enum(['done', 'erase', 'refuse'], { error: 'Choose your decision' }),
    decisionNote: text('The note', NOTE_MAX),
  })
  .refine((form) => form.decision !== 'refuse' || form.decisionNote !== '', {
    path: ['decisionNote'],
    message: 'Enter why the request is refused',
  });
export type Decision = z.output<typeof decisionForm>;

export const retentionForm = z.object({
  yearsAfterDischarge: wholeNumber('Years after discharge', 1, 100, 'Enter how many years to keep records after discharge'),
  untilAge: wholeNumber('The age', 18, 100, 'Enter the age to keep records until'),
});

export const requestParams = z.object({ id: z.uuid(), requestId: z.uuid() });
