import { Caller, assertCanSeeEnterprise, effectiveRegion, Page } from '@app/core';
import { Injectable } from '@nestjs/common';
import { UpsertEnterpriseDto } from '../dto/upsert-enterprise.dto';
import { Enterprise } from '../entities/enterprise.entity';
import { RegistryWrites } from './registry-writes.service';
import { EnterpriseRepository } from './enterprise.repository';

@Injectable()
export class EnterpriseService {
  constructor(
    private readonly enterprises: EnterpriseRepository,
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
    const enterprise = (await this.enterprises.findByUscc(uscc))!;
    return { enterprise, created: write.created.has(uscc) };
  }

  /** Whether the registry holds the USCC. */
  async exists(uscc: string): Promise<boolean> {
    return this.enterprises.exists(uscc);
  }

  /** The enterprise if the caller may see it; 404 otherwise (also outside the jurisdiction). */
  async findVisible(caller: Caller, uscc: string): Promise<Enterprise> {
    const enterprise = await this.enterprises.findByUscc(uscc);
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
    const [items, total] = await this.enterprises.search(region, q, page, pageSize);
    return { items, page, pageSize, total };
  }
}
