/** UK postcodes cut to the areas the directory counts and locates by. */

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d)([A-Z]{2})$/;
const DISTRICT = /^[A-Z]{1,2}\d[A-Z\d]?$/;

export function normalisePostcode(value: string): string | undefined {
  const match = POSTCODE.exec(value.trim().toUpperCase());
  return match ? `${match[1]} ${match[2]}${match[3]}` : undefined;
}

/** The outward code ("LS6" of "LS6 2AB"): an area of a few thousand homes, never one household. */
export function postcodeDistrict(value: string): string | undefined {
  const trimmed = value.trim().toUpperCase();
  if (DISTRICT.test(trimmed)) return trimmed;
  return POSTCODE.exec(trimmed)?.[1];
}

/** The sector ("LS6 2"), a closer stand-in for a home's centroid than the district. */
export function postcodeSector(value: string): string | undefined {
  const match = POSTCODE.exec(value.trim().toUpperCase());
  return match ? `${match[1]} ${match[2]}` : undefined;
}
