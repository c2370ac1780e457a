import { sql, type RawBuilder } from 'kysely';
import type { CallerTransaction } from '../../platform/db/caller-data.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import type { MeasureDefinition } from '../scoring/definition.ts';
import { builtInMeasure } from '../scoring/definitions/index.ts';
import { scoreAnswers } from '../scoring/scoring.ts';

/**
 * The young person's side of a measure link reaches personal data only through the database
 * functions in migrations/0019_measure_links.sql, each given the hash of the link's token. They
 * refuse a used, stopped or expired link and write the access log as the young person.
 */

export interface OpenMeasureLink {
  /** The version stored on the link: the one the answers are given and scored under. */
  definition: MeasureDefinition;
  progress: Record<string, number>;
}

interface OpenedRow {
  key: string;
  version: number;
  progress: Record<string, number>;
  definition: MeasureDefinition | null;
}

async function one<Row>(tx: CallerTransaction, query: RawBuilder<Row>): Promise<Row | undefined> {
  return (await query.execute(tx.db)).rows[0];
}

/** The link's questions and the answers saved so far; undefined when the link no longer works. */
export async function openMeasureLink(tx: CallerTransaction, token: string): Promise<OpenMeasureLink | undefined> {
  const row = await one(tx, sql<{ opened: OpenedRow | null }>`select measure_link_open(${hashToken(token)}) as opened`);
  const opened = row?.opened;
  if (!opened) return undefined;
  const builtIn = builtInMeasure(opened.key);
  const definition = opened.definition ?? (builtIn?.version === opened.version ? builtIn : undefined);
  if (!definition) throw new Error(`Measure link for ${opened.key} version ${opened.version}, a version that does not exist`);
  return { definition, progress: opened.progress };
}

/** Keeps one answer; false when the link stopped working meanwhile. */
export async function saveLinkAnswer(tx: CallerTransaction, token: string, itemId: string, value: number): Promise<boolean> {
  const row = await one(tx, sql<{ saved: boolean }>`select measure_link_save_answer(${hashToken(token)}, ${itemId}, ${value}) as saved`);
  return row?.saved === true;
}

/**
 * Scores the saved answers with the link's version of the measure and sends them, which uses the
 * link up. Throws InvalidAnswersError when an answer is missing; false when the link no longer
 * works or the answers changed meanwhile.
 */
export async function sendLinkAnswers(tx: CallerTransaction, token: string, link: OpenMeasureLink): Promise<boolean> {
  const scores = scoreAnswers(link.definition, link.progress);
  const row = await one(
    tx,
    sql<{ sent: boolean }>`select measure_link_send(${hashToken(token)}, ${JSON.stringify(link.progress)}::jsonb, ${JSON.stringify(scores)}::jsonb) as sent`,
  );
  return row?.sent === true;
}
