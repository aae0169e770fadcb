import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, retryOnDeadlock, Page } from '@app/core';
import { CreateRecordDto } from '../dto/create-record.dto';
import { CreditRecord } from '../entities/credit-record.entity';
import { EnterpriseService } from './enterprise.service';
import { InputsChangeMarker, LISTING_KINDS } from './inputs-change-marker.service';
import { RescoreRequester } from './rescore-requester.service';
import { RECORD_VALUE_COLUMNS, recordValues, relatedRecordProblem } from './record-values';

@Injectable()
export class RecordService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly marker: InputsChangeMarker,
    private readonly enterprises: EnterpriseService,
    private readonly rescore: RescoreRequester,
  ) {}

  /** Adds a record and marks the enterprise's inputs changed, in one transaction. */
  async add(uscc: string, dto: CreateRecordDto): Promise<CreditRecord> {
    const { record, affected } = await retryOnDeadlock(() =>
      this.db.transaction(async (m) => {
        const enterprise = await EnterpriseService.lockByUscc(m, uscc);
        if (dto.relatedRecordId !== undefined) {
          const [related] = await m.query('SELECT enterprise_id FROM credit_records WHERE id = ?', [
            dto.relatedRecordId,
          ]);
          const problem = relatedRecordProblem(
            dto.relatedRecordId,
            related ? Number(related.enterprise_id) : undefined,
            Number(enterprise.id),
          );
          if (problem) {
            throw new BadRequestException({
              message: `invalid request: ${problem}`,
              details: [{ field: 'relatedRecordId', message: problem }],
            });
          }
        }
        const values = recordValues(dto, enterprise);
        const { insertId } = await m.query(
          `INSERT INTO credit_records (${RECORD_VALUE_COLUMNS.join(', ')}) VALUES (?)`,
          [RECORD_VALUE_COLUMNS.map((c) => values[c])],
        );
        const repo = m.getRepository(CreditRecord);
        const affected = await this.marker.mark(m, enterprise.id, {
          linked: LISTING_KINDS.includes(dto.kind),
        });
        return { record: await repo.findOneByOrFail({ id: String(insertId) }), affected };
      }),
    );
    for (const u of affected) await this.rescore.request(u, `record-added:${record.id}`);
    return record;
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
