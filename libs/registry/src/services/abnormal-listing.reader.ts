import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarDate } from '@app/core';

/** An abnormal-operations listing in force since `listedOn`, with its enterprise. */
export interface AbnormalListingRow {
  recordId: number;
  enterpriseId: number;
  uscc: string;
  name: string;
  regionCode: string;
  listedOn: CalendarDate;
  /**
   * The earliest serious-dishonesty listing of the enterprise on or after
   * `listedOn` that was not withdrawn (REVOKED), if any: the escalation the
   * abnormal listing leads to has then been decided, whatever became of it.
   */
  seriousListedOn: CalendarDate | null;
}

/**
 * Reads of the abnormal operations list (经营异常名录) for other libraries,
 * so they never query `credit_records` or `enterprises` themselves.
 */
@Injectable()
export class AbnormalListingReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * ACTIVE abnormal listings of enterprises not CANCELLED, listed on or before
   * `listedOnOrBefore`, in record-id order after `afterRecordId`: a keyset page,
   * so a sweep over the whole list reads `credit_records` once by primary key
   * and holds one page at a time.
   */
  async activeListedOnOrBefore(
    listedOnOrBefore: CalendarDate,
    afterRecordId: number,
    limit: number,
  ): Promise<AbnormalListingRow[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT r.id, r.enterprise_id, r.occurred_on, e.uscc, e.name, e.region_code,
              (SELECT MIN(s.occurred_on) FROM credit_records s
                WHERE s.enterprise_id = r.enterprise_id AND s.kind = 'SERIOUS_DISHONESTY_LISTING'
                  AND s.status <> 'REVOKED' AND s.occurred_on >= r.occurred_on) AS serious_listed_on
         FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
        WHERE r.id > ? AND r.kind = 'ABNORMAL_LISTING' AND r.status = 'ACTIVE'
          AND r.occurred_on <= ? AND e.status <> 'CANCELLED'
        ORDER BY r.id LIMIT ?`,
      [afterRecordId, listedOnOrBefore, limit],
    );
    return rows.map((r) => ({
      recordId: Number(r.id),
      enterpriseId: Number(r.enterprise_id),
      uscc: r.uscc as string,
      name: r.name as string,
      regionCode: r.region_code as string,
      listedOn: r.occurred_on as CalendarDate,
      seriousListedOn: (r.serious_listed_on as CalendarDate | null) ?? null,
    }));
  }
}
