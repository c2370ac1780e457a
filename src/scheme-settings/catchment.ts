import { z } from 'zod';

/** One entry a line; blank lines and repeats left out, the order kept. */
function lines(value: string): string[] {
  return [...new Set(value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))];
}

const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const MAX_ENTRIES = 200;

function listField(name: string, check?: { test: (entry: string) => boolean; message: (entry: string) => string }) {
  return z
    .string()
    .prefault('')
    .transform((value, ctx) => {
      const entries = lines(value);
      if (entries.length > MAX_ENTRIES) ctx.addIssue({ code: 'custom', message: `${name}: enter ${MAX_ENTRIES} or fewer, one a line` });
      const wrong = check && entries.find((entry) => !check.test(entry));
      if (wrong) ctx.addIssue({ code: 'custom', message: check.message(wrong) });
      return entries;
    });
}

/** Areas as postcode districts, GP practices and schools, each one a line. */
export const catchmentForm = z.object({
  includedAreas: listField('Areas', {
    test: (entry) => DISTRICT.test(entry.replace(/\s+/g, '').toUpperCase()),
    message: (entry) => `“${entry}” is not a postcode district. Enter the first part of a postcode, like LS6`,
  }).transform((entries) => entries.map((entry) => entry.replace(/\s+/g, '').toUpperCase())),
  includedGpPractices: listField('GP practices'),
  includedSchools: listField('Schools'),
});
