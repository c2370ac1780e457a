/**
 * Disclosure control for figures commissioners see: no published count may reveal an individual.
 * Small counts are suppressed (primary), then more cells are suppressed wherever a suppressed one
 * could be worked out by subtraction from a total (secondary), and what is shown may be rounded.
 */

export interface DisclosureRules {
  /** Counts from 1 up to this are suppressed; NHS England's published statistics suppress 1–7. */
  threshold: number;
  /** Round every shown count to the nearest multiple of this (e.g. 5); undefined shows exact counts. */
  roundTo?: number | undefined;
}

export const NHS_ENGLAND_RULES: DisclosureRules = { threshold: 7 };

export type ShownCount = { shown: true; value: number } | { shown: false; reason: 'small' | 'secondary' };

export interface ProtectedTable {
  cells: ShownCount[][];
  rowTotals: ShownCount[];
  columnTotals: ShownCount[];
  total: ShownCount;
}

interface Entry {
  value: number;
  isTotal: boolean;
  suppressed: 'small' | 'secondary' | undefined;
}

/**
 * Protects a table of counts published with its row totals, column totals and grand total. Every
 * line (a row with its total, a column with its total, and the two lines of totals) is a sum a
 * reader can subtract along, so no line may be left with exactly one suppressed entry.
 */
export function protectTable(counts: readonly (readonly number[])[], rules: DisclosureRules): ProtectedTable {
  const columns = counts[0]?.length ?? 0;
  const entry = (value: number, isTotal: boolean) => primary(value, isTotal, rules);
  const cells = counts.map((row) => row.map((value) => entry(value, false)));
  const rowTotals = counts.map((row) => entry(sum(row), true));
  const columnTotals = Array.from({ length: columns }, (_, column) => entry(sum(counts.map((row) => row[column] ?? 0)), true));
  const total = entry(sum(rowTotals.map((row) => row.value)), true);

  const lines: Entry[][] = [
    ...cells.map((row, index) => [...row, rowTotals[index]!]),
    ...columnTotals.map((columnTotal, column) => [...cells.map((row) => row[column]!), columnTotal]),
    [...rowTotals, total],
    [...columnTotals, total],
  ];
  suppressAlongLines(lines);
  const show = (item: Entry) => shown(item, rules);
  return {
    cells: cells.map((row) => row.map(show)),
    rowTotals: rowTotals.map(show),
    columnTotals: columnTotals.map(show),
    total: show(total),
  };
}

/** A single list of counts published with its total (one row of a table, no column totals). */
export function protectList(counts: readonly number[], rules: DisclosureRules): { counts: ShownCount[]; total: ShownCount } {
  const cells = counts.map((value) => primary(value, false, rules));
  const total = primary(sum(counts), true, rules);
  suppressAlongLines([[...cells, total]]);
  return { counts: cells.map((item) => shown(item, rules)), total: shown(total, rules) };
}

function primary(value: number, isTotal: boolean, rules: DisclosureRules): Entry {
  return { value, isTotal, suppressed: value >= 1 && value <= rules.threshold ? 'small' : undefined };
}

function suppressAlongLines(lines: Entry[][]): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (line.filter((item) => item.suppressed).length !== 1) continue;
      const partner = smallestToSuppress(line);
      if (partner) {
        partner.suppressed = 'secondary';
        changed = true;
      }
    }
  }
}

function shown(item: Entry, rules: DisclosureRules): ShownCount {
  return item.suppressed ? { shown: false, reason: item.suppressed } : { shown: true, value: rounded(item.value, rules.roundTo) };
}

// The partner that gives away least: the smallest shown count in the line, preferring the cells
// over the total, and a count above zero (a zero hides nothing a reader could not guess).
function smallestToSuppress(line: Entry[]): Entry | undefined {
  const candidates = line.filter((item) => !item.suppressed);
  const ranked = [...candidates].sort(
    (a, b) => Number(a.isTotal) - Number(b.isTotal) || Number(a.value === 0) - Number(b.value === 0) || a.value - b.value,
  );
  return ranked[0];
}

function rounded(value: number, roundTo: number | undefined): number {
  return roundTo ? Math.round(value / roundTo) * roundTo : value;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
