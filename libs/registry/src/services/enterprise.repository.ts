import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { regionLikePattern } from '@app/core';
import { CreditRecord } from '../entities/credit-record.entity';
import { Enterprise } from '../entities/enterprise.entity';
import { enterpriseMatch } from './enterprise-match';

/** `enterprises` and their records read as entities (the write path is RegistryWriter). */
@Injectable()
export class EnterpriseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByUscc(uscc: string, m: EntityManager = this.db.manager): Promise<Enterprise | null> {
    return m.getRepository(Enterprise).findOneBy({ uscc });
  }

  exists(uscc: string): Promise<boolean> {
    return this.db.getRepository(Enterprise).existsBy({ uscc });
  }

  /** For writes: the enterprise row locked for the rest of the transaction; 404 when there is none. */
  async lockByUscc(m: EntityManager, uscc: string): Promise<Enterprise> {
    const e = await m
      .getRepository(Enterprise)
      .findOne({ where: { uscc }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw new NotFoundException(`enterprise ${uscc} not found`);
    return e;
  }

  /**
   * Enterprises of `region` whose USCC starts with `q` or whose name contains
   * it, ordered by USCC. Served by uq_enterprises_uscc (prefix) and
   * ix_enterprises_region_name (region range, name checked in the index).
   */
  search(region: string, q: string | undefined, page: number, pageSize: number) {
    const qb = this.db
      .getRepository(Enterprise)
      .createQueryBuilder('e')
      .where('e.region_code LIKE :region', { region: regionLikePattern(region) });
    if (q) {
      const m = enterpriseMatch(q, 'e');
      qb.andWhere(m.sql, m.named);
    }
    return qb
      .orderBy('e.uscc', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  /** One page of the enterprise's records, newest first. */
  records(enterpriseId: string, page: number, pageSize: number) {
    return this.db.getRepository(CreditRecord).findAndCount({
      where: { enterpriseId },
      order: { occurredOn: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  record(id: number): Promise<CreditRecord> {
    return this.db.getRepository(CreditRecord).findOneByOrFail({ id: String(id) });
  }
}
