import type { Role } from '../platform/db/schema.ts';

/**
 * A page of a young person's record. Each feature registers the pages it owns from its public
 * entry, so the record's contents list grows with the features instead of being kept by one.
 */
export interface RecordSection {
  /** Below `/young-people/:id`; '' is the overview. */
  path: string;
  text: string;
  /** Place in the journey as a link worker meets it: lower comes first. */
  order: number;
  /** Only these roles see the page; everyone who may see the record when left out. */
  roles?: readonly Role[];
}

const sections: RecordSection[] = [];

export function registerRecordSection(section: RecordSection): void {
  if (sections.some((known) => known.path === section.path)) throw new Error(`Record section ${section.path} is registered twice`);
  sections.push(section);
  sections.sort((a, b) => a.order - b.order);
}

/** Items for the record's contents list, with the page being shown marked as current. */
export function recordContents(youngPersonId: string, currentPath: string, role: Role) {
  return sections
    .filter((section) => !section.roles || section.roles.includes(role))
    .map((section) => ({
      href: `/young-people/${youngPersonId}${section.path}`,
      text: section.text,
      current: section.path === currentPath,
    }));
}
