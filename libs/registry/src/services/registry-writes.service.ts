import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { retryOnDeadlock } from '@app/core';
import { ImportItem } from '../import/import-item';
import { InputsChangeMarker } from './inputs-change-marker.service';
import { RegistryWrite, RegistryWriter } from './registry.writer';
import { RescoreRequester } from './rescore-requester.service';

/**
 * A single write (PUT an enterprise, POST a record, PUT persons) through the
 * registry's one write path: lock, change, mark inputs changed (RegistryWriter,
 * the same code as an import batch), retried on deadlock, then re-score every
 * enterprise whose inputs moved, after commit. A line the writer refuses is
 * the caller's 404 or 400, naming the field.
 */
@Injectable()
export class RegistryWrites {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writer: RegistryWriter,
    private readonly marker: InputsChangeMarker,
    private readonly rescore: RescoreRequester,
  ) {}

  /**
   * `within`, when given, runs in the same transaction after the write (a
   * caller's own rows that must commit or roll back with it, such as an
   * inspection plan item's result and the INSPECTION record it creates).
   */
  async apply(
    item: ImportItem,
    trigger: (w: RegistryWrite) => string,
    within?: (m: EntityManager, w: RegistryWrite) => Promise<void>,
  ): Promise<RegistryWrite> {
    const { write, usccs } = await retryOnDeadlock(() =>
      this.db.transaction(async (m) => {
        const write = await this.writer.write(m, [item]);
        const [refused] = write.rejected;
        if (refused) throw refusal(item.uscc, refused.reason, refused.field);
        if (within && write.recordsSkipped === 0) await within(m, write);
        return { write, usccs: await this.marker.usccsOf(m, write.changedIds) };
      }),
    );
    if (write.recordsSkipped > 0) {
      // Nothing was written: the transaction above changed nothing.
      throw new ConflictException(
        'a record with this reference is already on file for the enterprise (references identify a source record once)',
      );
    }
    const why = trigger(write);
    for (const uscc of usccs) await this.rescore.request(uscc, why);
    return write;
  }
}

function refusal(uscc: string, reason: string, field?: string) {
  if (field === 'uscc') return new NotFoundException(`enterprise ${uscc} not found`);
  return new BadRequestException({
    message: `invalid request: ${reason}`,
    details: [{ field: field ?? 'body', message: reason }],
  });
}
