import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Assessment, Tier } from '@app/scoring';
import { insertRows, parseJsonColumn } from '@app/core';
import { fingerprint, storedFactors, storedVetoes, type StoredVeto } from './stored-assessment';

export interface AssessmentToStore {
  assessment: Assessment;
  regionCode: string;
}

export interface StoreOptions {
  trigger: string;
  runId?: number | null;
  now: Date;
  /** Compare with the current assessments and report, but write nothing. */
  dryRun?: boolean;
}

export interface StoreOutcome {
  enterpriseId: number;
  previousTier: Tier | null;
  tier: Tier;
  changed: boolean;
}

/** What a history row and the current row both hold about one assessment, in this order. */
const ASSESSMENT_COLUMNS = [
  'tier',
  'score',
  'model_version',
  'model_hash',
  'as_of',
  'next_review_on',
  'fingerprint',
  'factors',
  'vetoes',
];
/** The rows `store` writes, column by column (the benchmarks' floor writes the same rows). */
export const CURRENT_ASSESSMENT_COLUMNS = [
  'enterprise_id',
  'region_code',
  ...ASSESSMENT_COLUMNS,
  'assessed_at',
];
export const ASSESSMENT_HISTORY_COLUMNS = [
  'enterprise_id',
  'run_id',
  '`trigger`',
  ...ASSESSMENT_COLUMNS,
  'created_at',
];

/**
 * Writes assessments in multi-row statements. A history row is added only
 * when tier, score, factors, vetoes or model changed; the current row is
 * rewritten when that or its next review date changed. History rows of a
 * batch run are keyed by (run, enterprise), so a retried chunk adds nothing twice.
 * Transactions run READ COMMITTED so that concurrent chunks take no gap locks.
 */
@Injectable()
export class AssessmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async store(
    items: AssessmentToStore[],
    opts: StoreOptions,
    m?: EntityManager,
  ): Promise<StoreOutcome[]> {
    if (items.length === 0) return [];
    if (!m) return this.db.transaction('READ COMMITTED', (tm) => this.store(items, opts, tm));

    const ids = items.map((i) => i.assessment.enterpriseId);
    const current: {
      enterprise_id: string | number;
      tier: Tier;
      fingerprint: string;
      next_review_on: string | null;
    }[] = await m.query(
      // A plain read, not FOR UPDATE: locking absent rows takes gap locks that
      // deadlock neighbouring chunks. Two writers of one enterprise at once
      // (a re-score racing a run) can at worst both add a history row.
      'SELECT enterprise_id, tier, fingerprint, next_review_on FROM current_assessments WHERE enterprise_id IN (?)',
      [ids],
    );
    const before = new Map(current.map((c) => [Number(c.enterprise_id), c]));

    const history: unknown[][] = [];
    const currentRows: unknown[][] = [];
    const outcomes: StoreOutcome[] = [];
    for (const { assessment: a, regionCode } of items) {
      const factors = storedFactors(a);
      const vetoes = storedVetoes(a);
      const fp = fingerprint(a, factors, vetoes);
      const prev = before.get(a.enterpriseId);
      const changed = !prev || prev.fingerprint !== fp;
      outcomes.push({
        enterpriseId: a.enterpriseId,
        previousTier: prev?.tier ?? null,
        tier: a.tier,
        changed,
      });
      const f = JSON.stringify(factors);
      const v = JSON.stringify(vetoes);
      if (changed) {
        history.push([
          a.enterpriseId,
          opts.runId ?? null,
          opts.trigger,
          a.tier,
          a.score,
          a.modelVersion,
          a.modelHash,
          a.asOf,
          a.nextReviewOn,
          fp,
          f,
          v,
          opts.now,
        ]);
      }
      if (changed || prev.next_review_on !== a.nextReviewOn) {
        currentRows.push([
          a.enterpriseId,
          regionCode,
          a.tier,
          a.score,
          a.modelVersion,
          a.modelHash,
          a.asOf,
          a.nextReviewOn,
          fp,
          f,
          v,
          opts.now,
        ]);
      }
    }
    if (opts.dryRun) return outcomes;
    if (history.length) {
      await insertRows(
        m,
        'assessments',
        ASSESSMENT_HISTORY_COLUMNS,
        history,
        'ON DUPLICATE KEY UPDATE id = id',
      );
    }
    if (currentRows.length) {
      const update = CURRENT_ASSESSMENT_COLUMNS.filter((c) => c !== 'enterprise_id')
        .map((c) => `${c} = VALUES(${c})`)
        .join(', ');
      await insertRows(
        m,
        'current_assessments',
        CURRENT_ASSESSMENT_COLUMNS,
        currentRows,
        `ON DUPLICATE KEY UPDATE ${update}`,
      );
    }
    return outcomes;
  }

  /** An enterprise that is no longer classified (CANCELLED) has no current tier. */
  async removeCurrent(enterpriseIds: number[], m: EntityManager = this.db.manager): Promise<void> {
    if (enterpriseIds.length)
      await m.query('DELETE FROM current_assessments WHERE enterprise_id IN (?)', [enterpriseIds]);
  }

  /**
   * An enterprise's current standing as other libraries need it (tier, date,
   * model, vetoes), or null if it has no current assessment (not assessed yet,
   * or cancelled and so no longer classified).
   */
  async currentStanding(
    enterpriseId: number | string,
  ): Promise<{ tier: string; asOf: string; modelVersion: string; vetoes: StoredVeto[] } | null> {
    const [row] = await this.db.query(
      'SELECT tier, as_of, model_version, vetoes FROM current_assessments WHERE enterprise_id = ?',
      [enterpriseId],
    );
    if (!row) return null;
    return {
      tier: row.tier,
      asOf: row.as_of,
      modelVersion: row.model_version,
      vetoes: parseJsonColumn<StoredVeto[]>(row.vetoes),
    };
  }

  /**
   * Ids of enterprises (narrowed by `where`, a condition on `enterprises e`)
   * whose current assessment's review date has come by `asOf`, or was made by
   * another model than `modelHash`: what an incremental run re-scores besides
   * changed inputs. Both start from an index of current_assessments, so they
   * cost what they find, not the population.
   *
   * Enterprises with no current assessment at all are not looked for here:
   * one in that state was created, or un-cancelled, after the selection of
   * the last completed run covering it (a run assesses every live enterprise
   * it selects, or does not complete), so its `inputs_changed_at` is at or
   * after that run's start and the run's changed-inputs query finds it — the
   * guarantee every other change relies on, and re-scoring after each write
   * comes first anyway. A join of the whole population to its assessments
   * (1.9 s at 1,000,000) is thus not needed.
   * `dueForAssessmentCondition` is the check a chunk makes per row.
   */
  async dueForAssessment(
    asOf: string,
    modelHash: string,
    where: { sql: string; params: unknown[] },
  ): Promise<number[]> {
    const [due, otherModel]: { id: string | number }[][] = await Promise.all([
      this.db.query(
        `SELECT e.id FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
          WHERE c.next_review_on <= ? AND ${where.sql}`,
        [asOf, ...where.params],
      ),
      this.db.query(
        `SELECT e.id FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
          WHERE (c.model_hash < ? OR c.model_hash > ?) AND ${where.sql}`,
        [modelHash, modelHash, ...where.params],
      ),
    ]);
    return [...due, ...otherModel].map((r) => Number(r.id));
  }

  /**
   * A full run's chunk: enterprises of the id range cancelled since their last
   * assessment are no longer classified.
   */
  async removeCurrentOfCancelled(fromId: number, toId: number, m: EntityManager): Promise<void> {
    await m.query(
      `DELETE c FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id
        WHERE e.id BETWEEN ? AND ? AND e.status = 'CANCELLED'`,
      [fromId, toId],
    );
  }
}

/**
 * The SQL condition (on `enterprises <alias>`) true when the enterprise has no
 * current assessment by `modelHash`, or its next review date has come by
 * `asOf`: what an incremental run re-scores besides changed inputs, checked
 * again per row when its chunk is scored (a superset of what
 * `AssessmentRepository.dueForAssessment` selects: see there).
 */
export function dueForAssessmentCondition(
  alias: string,
  modelHash: string,
  asOf: string,
): { sql: string; params: unknown[] } {
  return {
    sql: `NOT EXISTS (SELECT 1 FROM current_assessments c
                   WHERE c.enterprise_id = ${alias}.id AND c.model_hash = ?
                     AND (c.next_review_on IS NULL OR c.next_review_on > ?))`,
    params: [modelHash, asOf],
  };
}
