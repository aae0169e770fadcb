import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, Page } from '@app/core';
import { CreateRecordDto } from '../dto/create-record.dto';
import { CreditRecord } from '../entities/credit-record.entity';
import { EnterpriseService } from './enterprise.service';
import { RegistryWrites } from './registry-writes.service';

@Injectable()
export class RecordService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly enterprises: EnterpriseService,
    private readonly writes: RegistryWrites,
  ) {}

  /** Adds a record and marks the enterprise's inputs changed (and linked ones' for a listing). */
  async add(uscc: string, dto: CreateRecordDto): Promise<CreditRecord> {
    const write = await this.writes.apply(
      { kind: 'record', line: 1, uscc, record: dto },
      (w) => `record-added:${w.insertedRecordId}`,
    );
    return this.db
      .getRepository(CreditRecord)
      .findOneByOrFail({ id: String(write.insertedRecordId) });
  }

  async list(
    caller: Caller,
    uscc: string,
    page: number,
    pageSize: number,
  ): Promise<Page<CreditRecord>> {
    const enterprise = await this.enterprises.findVisible(caller, uscc);
    const [items, total] = await this.db.getRepository(CreditRecord).findAndCount({
      where: { enterpriseId: enterprise.id },
      order: { occurredOn: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, page, pageSize, total };
  }
}
