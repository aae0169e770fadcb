import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { regionLikePattern, CalendarDate } from '@app/core';
import { EscalationClosedReason } from './escalation-rule';

/** A listing to flag, as the registry reported it at this sweep. */
export interface DueListing {
  recordId: number;
  enterpriseId: number;
  uscc: string;
  name: string;
  regionCode: string;
  listedOn: CalendarDate;
}

export interface EscalationCandidateRow extends DueListing {
  flaggedAt: Date;
}

/** Rows per multi-row statement: few round trips, well under max_allowed_packet. */
const BATCH = 1000;
const PAGE = 10_000;

/**
 * `escalation_candidates`, owned by supervision. Flags are upserted by record
 * (re-running a sweep changes nothing) and closed, never deleted, so the table
 * also tells when a flag was raised and why it ended.
 */
@Injectable()
export class EscalationCandidateRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Flags the listings (or keeps them flagged), copying USCC, name and region
   * afresh. An open flag keeps its `flagged_at`; a closed one is reopened with
   * `at` (the listing came back in force). MySQL and MariaDB evaluate the
   * assignments left to right, so `flagged_at` still sees the old `closed_at`.
   */
  async upsertOpen(rows: readonly DueListing[], at: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await this.db.query(
        `INSERT INTO escalation_candidates
           (record_id, enterprise_id, uscc, name, region_code, listed_on, flagged_at)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE
           flagged_at = IF(closed_at IS NULL, flagged_at, VALUES(flagged_at)),
           closed_at = NULL,
           closed_reason = NULL,
           uscc = VALUES(uscc),
           name = VALUES(name),
           region_code = VALUES(region_code),
           listed_on = VALUES(listed_on)`,
        batch.flatMap((r) => [
          r.recordId,
          r.enterpriseId,
          r.uscc,
          r.name,
          r.regionCode,
          r.listedOn,
          at,
        ]),
      );
    }
  }

  /** Closes the open flags of these records. */
  async close(recordIds: readonly number[], reason: EscalationClosedReason, at: Date) {
    let closed = 0;
    for (let i = 0; i < recordIds.length; i += BATCH) {
      const res = await this.db.query(
        `UPDATE escalation_candidates SET closed_at = ?, closed_reason = ?
          WHERE record_id IN (?) AND closed_at IS NULL`,
        [at, reason, recordIds.slice(i, i + BATCH)],
      );
      closed += Number(res?.affectedRows ?? 0);
    }
    return closed;
  }

  /** The records with an open flag, in id order (ids only: a few bytes each). */
  async openRecordIds(): Promise<number[]> {
    const ids: number[] = [];
    for (let after = 0; ;) {
      const rows: { record_id: string | number }[] = await this.db.query(
        `SELECT record_id FROM escalation_candidates
          WHERE closed_at IS NULL AND record_id > ? ORDER BY record_id LIMIT ?`,
        [after, PAGE],
      );
      for (const r of rows) ids.push(Number(r.record_id));
      if (rows.length < PAGE) return ids;
      after = ids[ids.length - 1];
    }
  }

  /** Open flags whose region lies inside `region` (a normalised prefix), oldest listing first. */
  async listOpen(
    region: string,
    page: number,
    pageSize: number,
  ): Promise<{ items: EscalationCandidateRow[]; total: number }> {
    const where = 'closed_at IS NULL AND region_code LIKE ?';
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT record_id, enterprise_id, uscc, name, region_code, listed_on, flagged_at
           FROM escalation_candidates WHERE ${where}
          ORDER BY listed_on, record_id LIMIT ? OFFSET ?`,
        [regionLikePattern(region), pageSize, (page - 1) * pageSize],
      ),
      this.db.query(`SELECT COUNT(*) AS total FROM escalation_candidates WHERE ${where}`, [
        regionLikePattern(region),
      ]),
    ]);
    return {
      items: (rows as Record<string, unknown>[]).map((r) => ({
        recordId: Number(r.record_id),
        enterpriseId: Number(r.enterprise_id),
        uscc: r.uscc as string,
        name: r.name as string,
        regionCode: r.region_code as string,
        listedOn: r.listed_on as CalendarDate,
        flaggedAt: new Date(r.flagged_at as Date),
      })),
      total: Number(total),
    };
  }
}
