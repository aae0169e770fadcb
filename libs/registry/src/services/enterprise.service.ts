import {
  Caller,
  assertCanSeeEnterprise,
  effectiveRegion,
  regionLikePattern,
  Page,
} from '@app/core';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UpsertEnterpriseDto } from '../dto/upsert-enterprise.dto';
import { Enterprise } from '../entities/enterprise.entity';
import { RegistryWrites } from './registry-writes.service';

@Injectable()
export class EnterpriseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: RegistryWrites,
  ) {}

  /** Creates or updates the enterprise; `created` tells which (201 vs 200). */
  async upsert(
    uscc: string,
    dto: UpsertEnterpriseDto,
  ): Promise<{ enterprise: Enterprise; created: boolean }> {
    const write = await this.writes.apply(
      { kind: 'enterprise', line: 1, uscc, enterprise: dto, records: [] },
      (w) => (w.created.has(uscc) ? 'enterprise-created' : 'enterprise-updated'),
    );
    const enterprise = await this.db.getRepository(Enterprise).findOneByOrFail({ uscc });
    return { enterprise, created: write.created.has(uscc) };
  }

  /** Whether the registry holds the USCC. */
  async exists(uscc: string): Promise<boolean> {
    return this.db.getRepository(Enterprise).existsBy({ uscc });
  }

  /** The enterprise if the caller may see it; 404 otherwise (also outside the jurisdiction). */
  async findVisible(caller: Caller, uscc: string): Promise<Enterprise> {
    const enterprise = await this.db.getRepository(Enterprise).findOneBy({ uscc });
    assertCanSeeEnterprise(caller, enterprise, uscc);
    return enterprise;
  }

  /**
   * Enterprises of the caller's jurisdiction whose USCC starts with `q` or whose name
   * contains it, ordered by USCC. Served by uq_enterprises_uscc (prefix) and
   * ix_enterprises_region_name (region range, name checked in the index).
   */
  async search(
    caller: Caller,
    q: string | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<Enterprise>> {
    const region = effectiveRegion(caller);
    if (region === null || caller.role === 'enterprise')
      return { items: [], page, pageSize, total: 0 };
    const qb = this.db
      .getRepository(Enterprise)
      .createQueryBuilder('e')
      .where('e.region_code LIKE :region', { region: regionLikePattern(region) });
    if (q) {
      const m = enterpriseMatch(q, 'e');
      qb.andWhere(m.sql, m.named);
    }
    const [items, total] = await qb
      .orderBy('e.uscc', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items, page, pageSize, total };
  }

  /** For writes: the enterprise row locked for the rest of the transaction. */
  static async lockByUscc(m: EntityManager, uscc: string): Promise<Enterprise> {
    const e = await m
      .getRepository(Enterprise)
      .findOne({ where: { uscc }, lock: { mode: 'pessimistic_write' } });
    if (!e) throw new NotFoundException(`enterprise ${uscc} not found`);
    return e;
  }
}

/**
 * The one search rule for enterprises (a USCC prefix, or a substring of the
 * name), for alias `alias`: as TypeORM named parameters and as positional ones,
 * so every list that searches enterprises (the registry's search, the risk
 * list) matches the same ones.
 */
export function enterpriseMatch(q: string, alias: string) {
  const contains = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const upper = q.toUpperCase();
  if (/^[0-9A-Z]{1,18}$/.test(upper)) {
    const prefix = `${upper}%`;
    return {
      sql: `(${alias}.uscc LIKE :prefix OR ${alias}.name LIKE :contains)`,
      named: { prefix, contains },
      positional: {
        sql: `(${alias}.uscc LIKE ? OR ${alias}.name LIKE ?)`,
        params: [prefix, contains],
      },
    };
  }
  return {
    sql: `${alias}.name LIKE :contains`,
    named: { contains },
    positional: { sql: `${alias}.name LIKE ?`, params: [contains] },
  };
}
