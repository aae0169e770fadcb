import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { regionLikePattern } from '@app/core';

export interface ListingProposal {
  id: number;
  planId: number;
  uscc: string;
  name: string;
  regionCode: string;
  inspectionRecordId: number;
  inspectedOn: string;
  reason: string;
  status: 'OPEN';
  createdAt: string;
}

export type NewListingProposal = Omit<ListingProposal, 'id' | 'status' | 'createdAt'> & {
  enterpriseId: number;
  createdAt: Date;
};

/**
 * Proposals to list an enterprise as abnormal (经营异常名录) after an
 * inspection could not reach it at its registered address. The listing
 * itself stays the regulator's decision, through the registry.
 */
@Injectable()
export class ListingProposalRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async open(m: EntityManager, p: NewListingProposal): Promise<void> {
    await m.query(
      `INSERT INTO listing_proposals (plan_id, enterprise_id, uscc, name, region_code,
         inspection_record_id, inspected_on, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        p.planId,
        p.enterpriseId,
        p.uscc,
        p.name,
        p.regionCode,
        p.inspectionRecordId,
        p.inspectedOn,
        p.reason,
        p.createdAt,
      ],
    );
  }

  /** Open proposals of enterprises inside `region`, newest first. */
  async list(region: string, page: number, pageSize: number) {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT id, plan_id, uscc, name, region_code, inspection_record_id,
                DATE_FORMAT(inspected_on, '%Y-%m-%d') AS inspected_on, reason, status, created_at
           FROM listing_proposals WHERE status = 'OPEN' AND region_code LIKE ?
          ORDER BY id DESC LIMIT ? OFFSET ?`,
        [regionLikePattern(region), pageSize, (page - 1) * pageSize],
      ),
      this.db.query(
        `SELECT COUNT(*) AS total FROM listing_proposals WHERE status = 'OPEN' AND region_code LIKE ?`,
        [regionLikePattern(region)],
      ),
    ]);
    const items: ListingProposal[] = (rows as Record<string, unknown>[]).map((r) => ({
      id: Number(r.id),
      planId: Number(r.plan_id),
      uscc: r.uscc as string,
      name: r.name as string,
      regionCode: r.region_code as string,
      inspectionRecordId: Number(r.inspection_record_id),
      inspectedOn: r.inspected_on as string,
      reason: r.reason as string,
      status: 'OPEN',
      createdAt: new Date(r.created_at as Date).toISOString(),
    }));
    return { items, total: Number(total) };
  }
}
