import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Open applications of one province (the deciding authority's) in one status. */
export interface BacklogRow {
  /** The first two digits of the authority's division code: its province. */
  province: string;
  status: string;
  open: number;
  /** Past the deadline of their current stage, as of the last deadline sweep. */
  overdue: number;
}

/**
 * The open applications, counted for monitoring: one grouped query over the
 * open ones only (the unique key on open_record_id holds exactly those), so it
 * costs the backlog's size, not the table's.
 */
@Injectable()
export class RepairBacklogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async byProvinceAndStatus(): Promise<BacklogRow[]> {
    const rows: { province: string; status: string; open: string; overdue: string }[] =
      await this.db.query(
        `SELECT LEFT(authority_region, 2) AS province, status,
                COUNT(*) AS open, SUM(overdue) AS overdue
           FROM repair_applications WHERE open_record_id IS NOT NULL
          GROUP BY province, status ORDER BY province, status`,
      );
    return rows.map((r) => ({
      province: r.province,
      status: r.status,
      open: Number(r.open),
      overdue: Number(r.overdue),
    }));
  }
}
