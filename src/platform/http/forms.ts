import type { z } from 'zod';

/** The one validation-error shape: it feeds both the error summary and each field's inline message. */
export interface FormErrors {
  list: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/** Field names map to element ids the same way the design system's macros make them. */
export function fieldId(path: readonly PropertyKey[]): string {
  return path.map(String).join('-');
}

export function formErrors(messages: Record<string, string>): FormErrors {
  const entries = Object.entries(messages);
  return {
    list: entries.map(([field, text]) => ({ text, href: `#${field}` })),
    fields: Object.fromEntries(entries.map(([field, text]) => [field, { text }])),
  };
}

export function parseForm<Schema extends z.ZodType>(schema: Schema, input: unknown): FormResult<z.output<Schema>> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, data: result.data };
  const messages: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const id = fieldId(issue.path) || 'form';
    // The first problem with a field is the one to fix first; later ones would only repeat it.
    messages[id] ??= issue.message;
  }
  return { ok: false, errors: formErrors(messages) };
}

/** Form bodies arrive as strings (or arrays of them); this keeps what was typed to show it back. */
export function typedValues(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
}
