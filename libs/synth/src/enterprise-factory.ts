import type { EnterpriseStatus } from '@app/scoring';
import { dayOf, formatDay } from './calendar';
import type { GenerationRates, RiskClassRates } from './generation-rates';
import { FARMING_INDUSTRIES, INDUSTRIES, INDUSTRY_TABLE, type Industry } from './industries.data';
import {
  ENTERPRISE_TYPES,
  ENTERPRISE_TYPE_TABLE,
  TRADE_CHARS,
  type EnterpriseType,
} from './names.data';
import type { Prng } from './prng';
import { REGIONS, REGION_TABLE, type Region } from './regions.data';
import { buildUscc, organisationCode } from './uscc-factory';
import type { EnterpriseRow } from './population.types';

/** The enterprise row plus the latent facts its records and relations are drawn from. */
export interface EnterpriseDraft {
  row: EnterpriseRow;
  type: EnterpriseType;
  region: Region;
  industry: Industry;
  riskClass: RiskClassRates;
  riskClassIndex: number;
  establishedDay: number;
  /** Last day with activity: the as-of day, or the day of revocation / cancellation. */
  endDay: number;
}

/** Codes issued after the 2015-10-01 reform (三证合一) have the `MA…` organisation code. */
const USCC_REFORM_DAY = dayOf(2015, 10, 1);
const YEAR = 365.25;

/** What every enterprise of one population shares. */
export interface EnterpriseContext {
  /** 32-bit seed (see seed32). */
  seed: number;
  asOfDay: number;
  rates: GenerationRates;
  classWeights: readonly number[];
}

export function draftEnterprise(
  prng: Prng,
  id: number,
  context: EnterpriseContext,
): EnterpriseDraft {
  const { seed, asOfDay, rates } = context;
  const u = prng.float();
  const status: EnterpriseStatus =
    u < rates.revoked ? 'REVOKED' : u < rates.revoked + rates.cancelled ? 'CANCELLED' : 'ACTIVE';
  // Revocation (吊销) follows long non-compliance, so revoked firms are HIGH risk.
  const classes = rates.riskClasses;
  const riskClassIndex =
    status === 'REVOKED' ? classes.length - 1 : prng.weighted(context.classWeights);
  const region = REGIONS[prng.fromTable(REGION_TABLE)];
  const type = ENTERPRISE_TYPES[prng.fromTable(ENTERPRISE_TYPE_TABLE)];
  const industry =
    type.kind === '3' ? prng.pick(FARMING_INDUSTRIES) : INDUSTRIES[prng.fromTable(INDUSTRY_TABLE)];

  // Truncated exponential age: most firms are young, a few are decades old.
  const mean = rates.meanAgeYears;
  const tail = 1 - Math.exp(-rates.maxAgeYears / mean);
  const ageDays = Math.floor(-mean * Math.log(1 - prng.float() * tail) * YEAR);
  const establishedDay = asOfDay - ageDays;

  const endDay =
    status === 'ACTIVE'
      ? asOfDay
      : establishedDay + Math.floor(ageDays * (0.4 + 0.6 * prng.float()));

  const row: EnterpriseRow = {
    id,
    uscc: buildUscc(
      type.kind,
      region.code,
      organisationCode(id, seed, establishedDay >= USCC_REFORM_DAY),
    ),
    name: companyName(prng, type, region, industry),
    regionCode: region.code,
    industryCode: industry.code,
    type: type.name,
    registeredCapital: capital(prng, rates, type),
    establishedOn: formatDay(establishedDay),
    status,
  };
  return {
    row,
    type,
    region,
    industry,
    riskClass: classes[riskClassIndex],
    riskClassIndex,
    establishedDay,
    endDay,
  };
}

/** 杭州西湖明辉贸易有限公司, 杭州明辉科技有限公司, 杭州市西湖区明辉餐饮经营部. */
function companyName(prng: Prng, type: EnterpriseType, region: Region, industry: Industry): string {
  const trade = prng.pick(TRADE_CHARS) + prng.pick(TRADE_CHARS);
  if (type.kind !== '1') {
    return `${region.city}市${region.districtFull}${trade}${industry.word}${type.suffix}`;
  }
  const place = prng.chance(0.8) ? region.city + region.district : region.city;
  return `${place}${trade}${industry.word}${type.suffix}`;
}

/** Log-normal, clamped; mostly whole 万元 as registered, sometimes with cents. */
function capital(prng: Prng, rates: GenerationRates, type: EnterpriseType): number {
  const median = type.kind === '1' ? rates.capitalMedian : rates.capitalMedian / 10;
  const raw = Math.exp(Math.log(median) + rates.capitalSigma * prng.normal());
  const clamped = Math.min(rates.capitalMax, Math.max(rates.capitalMin, raw));
  return prng.chance(0.85)
    ? Math.max(10_000, Math.round(clamped / 10_000) * 10_000)
    : Math.round(clamped * 100) / 100;
}
