import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Clock } from '@app/core';
import type { RecordStatus } from '@app/scoring';
import { PartnerEventWriter } from './partner-event.writer';
import { CreditRecord } from '../entities/credit-record.entity';

/**
 * The registry's writes of a record's standing, for the workflows that decide
 * it (repair approves, revokes, suspends): inside the caller's transaction, so
 * the decision and its effect on the record commit together, with the partner
 * event it causes (the outbox). The caller marks
 * the inputs changed (InputsChangeMarker) in the same transaction.
 */
@Injectable()
export class RecordStatusWriter {
  constructor(
    private readonly events: PartnerEventWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Moves a record from `from` to `to` (only if it is in `from`); `where` narrows
   * further (e.g. only a negative inspection). Returns whether it moved.
   */
  async move(
    m: EntityManager,
    id: string | number,
    from: RecordStatus,
    to: RecordStatus,
    opts: { publicityFrom?: string; where?: 'negativeInspection' } = {},
  ): Promise<boolean> {
    const qb = m
      .createQueryBuilder()
      .update(CreditRecord)
      .set({ status: to, ...(opts.publicityFrom ? { publicityFrom: opts.publicityFrom } : {}) })
      .where('id = :id AND status = :from', { id: String(id), from });
    if (opts.where === 'negativeInspection')
      qb.andWhere("kind = 'INSPECTION' AND result <> 'PASS'");
    const { affected } = await qb.execute();
    // Partners act on repairs and revocations of listings and penalties: announced with the move.
    if (affected === 1) await this.events.recordMoved(m, id, from, to, this.clock.now());
    return affected === 1;
  }

  /** 破产重整 临时信用修复: the records do not count from `from` through `until`. */
  async suspend(
    m: EntityManager,
    ids: (string | number)[],
    s: { from: string; until: string; documentNo: string },
  ): Promise<CreditRecord[]> {
    await m.update(CreditRecord, ids.map(String), {
      suspendedFrom: s.from,
      suspendedUntil: s.until,
      suspensionDocumentNo: s.documentNo,
    });
    return m.getRepository(CreditRecord).findBy({ id: In(ids.map(String)) });
  }
}
