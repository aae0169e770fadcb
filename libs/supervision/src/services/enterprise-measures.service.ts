import { Injectable, NotFoundException } from '@nestjs/common';
import { Caller } from '@app/core';
import { EnterpriseService } from '@app/registry';
import { AssessmentRepository } from '@app/risk';
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
    private readonly assessments: AssessmentRepository,
    private readonly enterprises: EnterpriseService,
    private readonly catalog: MeasuresCatalog,
  ) {}

  async forEnterprise(caller: Caller, uscc: string): Promise<EnterpriseMeasuresView> {
    const e = await this.enterprises.findVisible(caller, uscc);
    const row = await this.assessments.currentStanding(e.id);
    // No current row: not assessed yet, or CANCELLED and so no longer supervised.
    if (!row) throw new NotFoundException(`enterprise ${uscc} has not been assessed`);
    const vetoes = row.vetoes;
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
      asOf: row.asOf,
      modelVersion: row.modelVersion,
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
