import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '@app/core';
import { EnterpriseService } from '@app/registry';
import {
  AppliedTrigger,
  CreditSituation,
  isTier,
  ListFlag,
  MeasureInForce,
  measuresInForce,
} from '../domain';
import { MeasuresCatalog } from './measures-catalog.service';

/**
 * Listings are read from the current assessment's vetoes rather than from the
 * records: the model already decided which listings are in force on its as-of
 * date (the 36-month window of a serious-dishonesty listing, repairs,
 * revocations), so tier and listings come from one evaluation and the windows
 * live in one place, the model file. Codes as in config/models/*.yaml.
 */
const VETO_FLAGS: Record<string, ListFlag> = {
  SERIOUS_DISHONESTY_LIST: 'seriousDishonestyList',
  ABNORMAL_LIST: 'abnormalList',
  JUDGMENT_DEBTOR: 'judgmentDebtor',
};

interface StoredVeto {
  code: string;
  recordIds?: number[];
}

export interface TriggerView extends AppliedTrigger {
  /** For list triggers: the records that put the enterprise on the list. */
  recordIds?: number[];
}

export type MeasureView = Omit<MeasureInForce, 'triggers'> & { triggers: TriggerView[] };

export interface EnterpriseMeasuresView {
  uscc: string;
  tier: string;
  asOf: string;
  modelVersion: string;
  situation: CreditSituation;
  measures: MeasureView[];
}

@Injectable()
export class EnterpriseMeasuresService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly enterprises: EnterpriseService,
    private readonly catalog: MeasuresCatalog,
  ) {}

  async forEnterprise(caller: Caller, uscc: string): Promise<EnterpriseMeasuresView> {
    const e = await this.enterprises.findVisible(caller, uscc);
    const rows: { tier: string; as_of: string; model_version: string; vetoes: unknown }[] =
      await this.db.query(
        'SELECT tier, as_of, model_version, vetoes FROM current_assessments WHERE enterprise_id = ?',
        [e.id],
      );
    // No current row: not assessed yet, or CANCELLED and so no longer supervised.
    if (rows.length === 0) throw new NotFoundException(`enterprise ${uscc} has not been assessed`);
    const row = rows[0];
    const vetoes: StoredVeto[] =
      typeof row.vetoes === 'string' ? JSON.parse(row.vetoes) : (row.vetoes as StoredVeto[]);
    const listings = new Map<ListFlag, number[]>();
    for (const v of vetoes) {
      const flag = VETO_FLAGS[v.code];
      if (flag) listings.set(flag, v.recordIds ?? []);
    }
    const situation: CreditSituation = {
      tier: isTier(row.tier) ? row.tier : null,
      onSeriousDishonestyList: listings.has('seriousDishonestyList'),
      onAbnormalList: listings.has('abnormalList'),
      judgmentDebtor: listings.has('judgmentDebtor'),
    };
    return {
      uscc,
      tier: row.tier,
      asOf: row.as_of,
      modelVersion: row.model_version,
      situation,
      measures: measuresInForce(this.catalog.config, situation).map((m) => ({
        ...m,
        triggers: m.triggers.map((t) =>
          t.on === 'tier' ? t : { ...t, recordIds: listings.get(t.on) ?? [] },
        ),
      })),
    };
  }
}
