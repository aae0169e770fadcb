import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller, Page } from '@app/core';
import { CreateRecordDto } from '../dto/create-record.dto';
import { CreditRecord } from '../entities/credit-record.entity';
import { EnterpriseService } from './enterprise.service';
import { RegistryWrites } from './registry-writes.service';
import { EnterpriseRepository } from './enterprise.repository';

@Injectable()
export class RecordService {
  constructor(
    private readonly repository: EnterpriseRepository,
    private readonly enterprises: EnterpriseService,
    private readonly writes: RegistryWrites,
  ) {}

  /** Adds a record and marks the enterprise's inputs changed (and linked ones' for a listing). */
  async add(uscc: string, dto: CreateRecordDto): Promise<CreditRecord> {
    return this.repository.record(await this.addWithin(uscc, dto));
  }

  /**
   * Adds a record as `add` does, running `within` in the same transaction
   * with the new record's id (another library's rows that belong with it);
   * the enterprise is re-scored after commit. Returns the record's id.
   */
  async addWithin(
    uscc: string,
    dto: CreateRecordDto,
    within?: (m: EntityManager, recordId: number) => Promise<void>,
  ): Promise<number> {
    const write = await this.writes.apply(
      { kind: 'record', line: 1, uscc, record: dto },
      (w) => `record-added:${w.insertedRecordId}`,
      within && ((m, w) => within(m, w.insertedRecordId!)),
    );
    return write.insertedRecordId!;
  }

  async list(
    caller: Caller,
    uscc: string,
    page: number,
    pageSize: number,
  ): Promise<Page<CreditRecord>> {
    const enterprise = await this.enterprises.findVisible(caller, uscc);
    const [items, total] = await this.repository.records(enterprise.id, page, pageSize);
    return { items, page, pageSize, total };
  }
}
