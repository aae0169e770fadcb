import { Injectable } from '@nestjs/common';
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
    const write = await this.writes.apply(
      { kind: 'record', line: 1, uscc, record: dto },
      (w) => `record-added:${w.insertedRecordId}`,
    );
    return this.repository.record(write.insertedRecordId!);
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
