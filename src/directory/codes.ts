/** The directory's coded lists. Labels are what people read. */

/** Short labels for the categories link workers use; the assessment's interests (src/what-matters/codes.ts) use the same codes. */
export const CATEGORIES: Record<string, string> = {
  creative: 'Creative',
  social: 'Social',
  indoor: 'Indoor',
  self_care: 'Self-care',
  sports: 'Sports',
  vocational_educational: 'Vocational and educational',
};

export const categoryLabel = (code: string): string => CATEGORIES[code] ?? code;
