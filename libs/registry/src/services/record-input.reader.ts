import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CreditRecordInput } from '@app/scoring';
import { RECORD_INPUT_COLUMNS, toRecordInput } from '../record-input';

/** A record as the repair rules read it, with its issuing authority and its enterprise. */
export interface RecordWithEnterprise {
  record: CreditRecordInput;
  /** The issuing authority's division code: its regulators decide the repair. */
  authorityRegion: string;
  enterprise: { id: number; uscc: string; regionCode: string; industryCode: string };
}

/**
 * Records read as rule inputs, for the repair workflow (the risk side reads
 * them through ProfileReader): the same columns and the same mapping.
 * Methods run in the caller's transaction.
 */
@Injectable()
export class RecordInputReader {
  /** The record and its enterprise; `lock` takes the record row FOR UPDATE. */
  async withEnterprise(
    m: EntityManager,
    recordId: number,
    opts: { lock?: boolean } = {},
  ): Promise<RecordWithEnterprise | undefined> {
    const [row] = await m.query(
      `SELECT ${RECORD_INPUT_COLUMNS}, r.authority_region, e.uscc, e.region_code, e.industry_code
         FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.id = ?${opts.lock ? ' FOR UPDATE' : ''}`,
      [recordId],
    );
    if (!row) return undefined;
    return {
      record: toRecordInput(row),
      authorityRegion: row.authority_region,
      enterprise: {
        id: Number(row.enterprise_id),
        uscc: row.uscc,
        regionCode: row.region_code,
        industryCode: row.industry_code,
      },
    };
  }

  /** The record as a rule input; 404 when there is none. */
  async get(m: EntityManager, recordId: number): Promise<CreditRecordInput> {
    const [row] = await m.query(
      `SELECT ${RECORD_INPUT_COLUMNS} FROM credit_records r WHERE r.id = ?`,
      [recordId],
    );
    if (!row) throw new NotFoundException(`record ${recordId} not found`);
    return toRecordInput(row);
  }

  /** Those of `ids` that are the enterprise's, with their issuing authority. */
  async someOfEnterprise(
    m: EntityManager,
    enterpriseId: number | string,
    ids: number[],
  ): Promise<(CreditRecordInput & { authorityRegion: string })[]> {
    if (ids.length === 0) return [];
    const rows = await m.query(
      `SELECT ${RECORD_INPUT_COLUMNS}, r.authority_region FROM credit_records r
        WHERE r.enterprise_id = ? AND r.id IN (?)`,
      [enterpriseId, ids],
    );
    return rows.map((r: Record<string, unknown>) => ({
      ...toRecordInput(r),
      authorityRegion: r.authority_region as string,
    }));
  }

  /** Every record of the enterprise, whatever its status. */
  async ofEnterprise(m: EntityManager, enterpriseId: number): Promise<CreditRecordInput[]> {
    const rows = await m.query(
      `SELECT ${RECORD_INPUT_COLUMNS} FROM credit_records r WHERE r.enterprise_id = ?`,
      [enterpriseId],
    );
    return rows.map(toRecordInput);
  }
}
