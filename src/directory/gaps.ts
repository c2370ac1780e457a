import { sql } from 'kysely';
import type { CallerTransaction } from '../platform/db/caller-data.ts';
import { NEEDS } from '../domain/codes.ts';

export interface GapRecord {
  need: string;
  area: string;
  age: number | null;
  note: string;
}

export async function recordGap(tx: CallerTransaction, gap: GapRecord): Promise<void> {
  await tx.db
    .insertInto('directory_gaps')
    .values({ org_id: tx.caller.orgId, need: gap.need, area: gap.area, age: gap.age, note: gap.note || null, recorded_by: tx.caller.userId })
    .execute();
}

/** Gaps counted by need and area, the most often recorded first: the evidence for community development. */
export async function gapCounts(tx: CallerTransaction) {
  const rows = await tx.db
    .selectFrom('directory_gaps')
    .select(['need', 'area'])
    .select((eb) => [
      eb.fn.countAll<string>().as('gaps'),
      eb.fn.min('age').as('youngest'),
      eb.fn.max('age').as('oldest'),
      eb.fn.max('recorded_at').as('latest'),
    ])
    .groupBy(['need', 'area'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('need')
    .orderBy('area')
    .execute();
  return rows.map((row) => ({ ...row, gaps: Number(row.gaps), needLabel: NEEDS[row.need] ?? row.need }));
}

/** The latest notes written with gaps, so managers read what lies behind the numbers. */
export async function recentGapNotes(tx: CallerTransaction, limit = 20) {
  return tx.db
    .selectFrom('directory_gaps')
    .select(['need', 'area', 'age', 'note', 'recorded_at'])
    .where('note', 'is not', null)
    .orderBy('recorded_at', 'desc')
    .limit(limit)
    .execute();
}
