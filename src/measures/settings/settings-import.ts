import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { MeasureDefinition } from '../scoring/definition.ts';
import { BUILT_IN_MEASURES } from '../scoring/definitions/index.ts';

/**
 * A definition file brings the licensed wording of a built-in measure, and nothing else: its key,
 * questions, answer options and scoring must be exactly the built-in ones, so scores stay
 * comparable with every other scheme's. Only the question wording (and, if given, the name and
 * introduction) come from the file.
 */

export const LICENSABLE = BUILT_IN_MEASURES.filter((definition) => definition.wordingRequiresLicence);
export const WORDING_LIMIT = 500;

const definitionFile = z.object({
  key: z.string({ error: 'it has no key naming the measure' }),
  name: z.string().trim().min(1).max(150).optional(),
  introduction: z.string().trim().min(1).max(1000).optional(),
  items: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        options: z.array(z.object({ value: z.number(), label: z.string() })),
      }),
      { error: 'it has no list of questions (items)' },
    )
    .min(1, 'it has no questions'),
  scores: z.array(z.unknown(), { error: 'it has no scoring rules (scores)' }),
});

export type ImportResult = { ok: true; definition: Omit<MeasureDefinition, 'version'> } | { ok: false; message: string };

export function checkDefinitionFile(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refused('The definition file is not valid JSON. Check it is the file you were sent, unchanged');
  }
  const parsed = definitionFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
    return refused(`The file is not a measure definition: ${issue.message}${where}`);
  }
  const file = parsed.data;
  const builtIn = LICENSABLE.find((definition) => definition.key === file.key);
  if (!builtIn) {
    const known = LICENSABLE.map((definition) => `${definition.name} (key “${definition.key}”)`).join(', ');
    return refused(`Linkway has no licensed measure with the key “${file.key}”. A definition file can only bring the wording of ${known}`);
  }
  const name = builtIn.name;
  const ids = builtIn.items.map((item) => item.id);
  if (!isDeepStrictEqual(file.items.map((item) => item.id), ids)) {
    return refused(`The file must have the same ${ids.length} questions as ${name}, in the same order: ${ids.join(', ')}`);
  }
  for (const [index, item] of file.items.entries()) {
    const builtInItem = builtIn.items[index]!;
    if (!isDeepStrictEqual(item.options, builtInItem.options)) {
      return refused(`The answer options of ${item.id} are not those of ${name}. Only the wording of the questions can be imported`);
    }
    const wording = item.text.trim();
    if (wording.length === 0) return refused(`Question ${item.id} has no wording`);
    if (wording.length > WORDING_LIMIT) return refused(`Question ${item.id} must be ${WORDING_LIMIT} characters or fewer`);
  }
  if (!isDeepStrictEqual(file.scores, builtIn.scores)) {
    return refused(
      `The file changes how ${name} is scored. Only the wording of the questions can be imported: the scoring rules, conversion table and bands must be exactly as built in`,
    );
  }
  const { version: _builtInVersion, wordingRequiresLicence: _needsLicence, ...rest } = builtIn;
  return {
    ok: true,
    definition: {
      ...rest,
      name: file.name ?? builtIn.name,
      introduction: file.introduction ?? builtIn.introduction,
      items: builtIn.items.map((item, index) => ({ ...item, text: file.items[index]!.text.trim() })),
    },
  };
}

function refused(message: string): ImportResult {
  return { ok: false, message };
}
