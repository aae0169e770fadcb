import { Injectable } from '@nestjs/common';
import { ApplicationRepository } from './application.repository';

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
  constructor(private readonly applications: ApplicationRepository) {}

  byProvinceAndStatus(): Promise<BacklogRow[]> {
    return this.applications.backlog();
  }
}
