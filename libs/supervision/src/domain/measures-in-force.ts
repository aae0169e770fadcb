import { ListFlag, MeasureKind, MeasureTrigger, MeasuresConfig } from './measures-config.schema';
import { Tier } from './tier';

/** What decides an enterprise's measures: its current tier and its listings. */
export interface CreditSituation {
  /** null when not classified (e.g. never assessed, or CANCELLED). */
  tier: Tier | null;
  onSeriousDishonestyList: boolean;
  onAbnormalList: boolean;
  judgmentDebtor: boolean;
}

/** The rule that put a measure in force, worded for the regulator. */
export interface AppliedTrigger {
  on: 'tier' | ListFlag;
  tier?: Tier;
  zh: string;
  en: string;
}

export interface LegalBasis {
  id: string;
  zh: string;
  en: string;
}

export interface MeasureInForce {
  id: string;
  kind: MeasureKind;
  zh: string;
  en: string;
  basis: LegalBasis[];
  /** Every trigger of the measure that matched (at least one). */
  triggers: AppliedTrigger[];
}

const TIER_WORDING: Record<Tier, { zh: string; en: string }> = {
  A: { zh: '信用风险分类为A类（信用风险低）', en: 'credit risk tier A (low risk)' },
  B: { zh: '信用风险分类为B类（信用风险一般）', en: 'credit risk tier B (moderate risk)' },
  C: { zh: '信用风险分类为C类（信用风险较高）', en: 'credit risk tier C (elevated risk)' },
  D: { zh: '信用风险分类为D类（信用风险高）', en: 'credit risk tier D (high risk)' },
};

const FLAG_WORDING: Record<ListFlag, { zh: string; en: string }> = {
  seriousDishonestyList: {
    zh: '列入严重违法失信名单',
    en: 'on the list of serious illegal and dishonest entities',
  },
  abnormalList: { zh: '列入经营异常名录', en: 'on the abnormal operations list' },
  judgmentDebtor: { zh: '被列为失信被执行人', en: 'listed as a dishonest judgment debtor' },
};

function flagSet(situation: CreditSituation, flag: ListFlag): boolean {
  switch (flag) {
    case 'seriousDishonestyList':
      return situation.onSeriousDishonestyList;
    case 'abnormalList':
      return situation.onAbnormalList;
    case 'judgmentDebtor':
      return situation.judgmentDebtor;
  }
}

function applies(trigger: MeasureTrigger, situation: CreditSituation): AppliedTrigger | null {
  if (trigger.on === 'tier') {
    const tier = situation.tier;
    return tier !== null && trigger.tiers.includes(tier)
      ? { on: 'tier', tier, ...TIER_WORDING[tier] }
      : null;
  }
  return flagSet(situation, trigger.on) ? { on: trigger.on, ...FLAG_WORDING[trigger.on] } : null;
}

/**
 * The measures in force, in the order of the configuration file. A measure
 * applies when any of its triggers matches and none of its `unless` flags is
 * set; list triggers do not look at the tier, so joint punishment follows a
 * serious-dishonesty listing whatever the tier.
 */
export function measuresInForce(
  config: MeasuresConfig,
  situation: CreditSituation,
): MeasureInForce[] {
  const result: MeasureInForce[] = [];
  for (const m of config.measures) {
    if (m.unless.some((flag) => flagSet(situation, flag))) continue;
    const triggers = m.when
      .map((t) => applies(t, situation))
      .filter((t): t is AppliedTrigger => t !== null);
    if (triggers.length === 0) continue;
    result.push({
      id: m.id,
      kind: m.kind,
      zh: m.zh,
      en: m.en,
      basis: m.basis.map((b) => ({ id: b, ...config.legalBases[b] })),
      triggers,
    });
  }
  return result;
}
