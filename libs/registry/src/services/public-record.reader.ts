import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarDate, regionLikePattern } from '@app/core';
import type { CreditRecordInput } from '@app/scoring';
import { RECORD_INPUT_COLUMNS, toRecordInput } from '../record-input';

/** A record that may be published (公示), with what the publication shows. */
export interface PublishableRecord extends CreditRecordInput {
  documentNo: string | null;
  authorityRegion: string | null;
  reason: string | null;
  amount: string | null;
}

export interface PublicEnterprise {
  id: number;
  uscc: string;
  name: string;
  status: string;
  regionCode: string;
}

const PUBLISHED_KINDS = ['PENALTY', 'ABNORMAL_LISTING', 'SERIOUS_DISHONESTY_LISTING'];
const COLUMNS = `${RECORD_INPUT_COLUMNS}, r.document_no, r.authority_region, r.reason, r.amount`;

function publishable(r: Record<string, unknown>): PublishableRecord {
  return {
    ...toRecordInput(r),
    documentNo: (r.document_no as string | null) ?? null,
    authorityRegion: (r.authority_region as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    amount: r.amount == null ? null : String(r.amount),
  };
}

/**
 * Reads for the public (公示) pages: only ACTIVE penalties and listings, so
 * repaired, revoked and expired-by-status records never leave the registry;
 * publicity windows are applied by the caller with the active model's rules.
 */
@Injectable()
export class PublicRecordReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async enterprise(uscc: string): Promise<PublicEnterprise | null> {
    const [r] = await this.db.query(
      'SELECT id, uscc, name, status, region_code FROM enterprises WHERE uscc = ?',
      [uscc],
    );
    return r
      ? {
          id: Number(r.id),
          uscc: r.uscc,
          name: r.name,
          status: r.status,
          regionCode: r.region_code,
        }
      : null;
  }

  /** The enterprise's ACTIVE penalties and listings, newest first. */
  async records(enterpriseId: number): Promise<PublishableRecord[]> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM credit_records r
        WHERE r.enterprise_id = ? AND r.kind IN (?) AND r.status = 'ACTIVE'
        ORDER BY r.occurred_on DESC, r.id DESC`,
      [enterpriseId, PUBLISHED_KINDS],
    );
    return rows.map(publishable);
  }

  /**
   * ACTIVE serious-dishonesty listings of enterprises inside `region` that
   * occurred after `occurredAfter` (the caller's publicity cut-off), newest
   * first, paged, with their enterprise.
   */
  async seriousListings(q: {
    region: string;
    occurredAfter: CalendarDate;
    page: number;
    pageSize: number;
  }): Promise<{
    items: (PublishableRecord & { enterprise: Omit<PublicEnterprise, 'id'> })[];
    total: number;
  }> {
    const where = `r.kind = 'SERIOUS_DISHONESTY_LISTING' AND r.status = 'ACTIVE'
        AND COALESCE(r.publicity_from, r.occurred_on) > ? AND e.region_code LIKE ?`;
    const params = [q.occurredAfter, regionLikePattern(q.region)];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS}, e.uscc, e.name, e.status AS enterprise_status, e.region_code
           FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
          WHERE ${where}
          ORDER BY r.occurred_on DESC, r.id DESC LIMIT ? OFFSET ?`,
        [...params, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.db.query(
        `SELECT COUNT(*) AS total FROM credit_records r JOIN enterprises e ON e.id = r.enterprise_id
          WHERE ${where}`,
        params,
      ),
    ]);
    return {
      items: (rows as Record<string, unknown>[]).map((r) => ({
        ...publishable(r),
        enterprise: {
          uscc: r.uscc as string,
          name: r.name as string,
          status: r.enterprise_status as string,
          regionCode: r.region_code as string,
        },
      })),
      total: Number(total),
    };
  }
}
