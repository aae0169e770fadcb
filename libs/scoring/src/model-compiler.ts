import type {
  CompiledBin,
  CompiledIndicator,
  CompiledModel,
  CompiledVeto,
  CompiledWindow,
  VetoEffect,
} from './compiled-model';
import { Op } from './compiled-model';
import type {
  BinDefinition,
  IndicatorDefinition,
  ModelDefinition,
  VetoDefinition,
  WindowDefinition,
} from './model-schema';
import { TIERS } from './model-schema';
import { attributeValues, kindCode } from './record-codes';

/**
 * Turns a validated definition into the engine's fast form. The definition is
 * deep-frozen first: assessments reference its label objects instead of
 * copying them, so nobody may mutate them afterwards.
 */
export function compileModel(
  def: ModelDefinition,
  hash: string,
  sourceFile: string,
): CompiledModel {
  deepFreeze(def);
  const p = def.publicity.penalty;
  return Object.freeze({
    version: def.version,
    hash,
    sourceFile,
    definition: def,
    base: def.base,
    clampMin: def.clamp.min,
    clampMax: def.clamp.max,
    thresholdA: def.thresholds.A,
    thresholdB: def.thresholds.B,
    thresholdC: def.thresholds.C,
    penaltyWindows: Object.freeze([window(p.MINOR), window(p.MODERATE), window(p.SERIOUS)]),
    restrictiveUntilRestrictionEnds: p.restrictiveUntilRestrictionEnds,
    seriousListingWindow: window(def.publicity.seriousDishonestyListing),
    indicators: Object.freeze(
      Object.entries(def.indicators).map(([code, ind]) => indicator(code, ind)),
    ),
    vetoes: Object.freeze(def.vetoes.map(veto)),
  });
}

function window(w: WindowDefinition): CompiledWindow {
  return Object.freeze({ days: w.days ?? 0, months: w.months ?? 0 });
}

function bins(list: readonly BinDefinition[]): readonly CompiledBin[] {
  return Object.freeze(
    list.map((b) =>
      Object.freeze({ from: b.from ?? -Infinity, to: b.to ?? Infinity, points: b.points }),
    ),
  );
}

/** Points by attribute code; attributes a table does not list score `missing`. */
function table(
  keyed: Record<string, number>,
  values: readonly string[],
  missing: number,
): number[] {
  return values.map((v) => keyed[v] ?? missing);
}

const NONE: readonly never[] = Object.freeze([]);

function indicator(code: string, ind: IndicatorDefinition): CompiledIndicator {
  // One literal with every field, in one order: one hidden class for all.
  const c = {
    code,
    category: ind.category,
    label: ind.label,
    op: Op.EstablishmentAge as Op,
    bins: NONE as readonly CompiledBin[],
    edges: NONE as readonly number[],
    prefixes: NONE as readonly string[],
    points: 0,
    kind: -1,
    window: null as CompiledWindow | null,
    pointsBy: null as readonly number[] | null,
    subtotalCaps: null as readonly number[] | null,
    cap: Infinity,
    floor: -Infinity,
    dueMonthDay: 0,
    onTime: 0,
    late: 0,
    missing: 0,
    notYetDue: 0,
  };
  switch (ind.type) {
    case 'establishmentAge': {
      c.op = Op.EstablishmentAge;
      c.bins = bins(ind.bins);
      const edges = new Set<number>();
      for (const b of c.bins) for (const e of [b.from, b.to]) if (Number.isFinite(e)) edges.add(e);
      c.edges = Object.freeze([...edges].sort((a, b) => a - b));
      break;
    }
    case 'valueBins':
      c.op = Op.ValueBins;
      c.bins = bins(ind.bins);
      break;
    case 'industryPrefix':
      c.op = Op.IndustryPrefix;
      c.prefixes = Object.freeze([...ind.prefixes]);
      c.points = ind.points;
      break;
    case 'annualReport':
      c.op = Op.AnnualReport;
      c.dueMonthDay = (Number(ind.dueMonthDay.slice(0, 2)) << 5) | Number(ind.dueMonthDay.slice(3));
      c.onTime = ind.points.onTime;
      c.late = ind.points.late;
      c.missing = ind.points.missing;
      c.notYetDue = ind.points.notYetDue;
      break;
    case 'recordCount':
      c.op = Op.RecordCount;
      c.kind = kindCode(ind.recordKind);
      c.window = ind.window ? window(ind.window) : null;
      c.bins = bins(ind.bins);
      break;
    case 'recordSum': {
      c.op = Op.RecordSum;
      c.kind = kindCode(ind.recordKind);
      c.window = ind.window ? window(ind.window) : null;
      if (typeof ind.each === 'number') {
        c.points = ind.each;
      } else {
        const values = attributeValues(ind.recordKind) ?? [];
        c.pointsBy = Object.freeze(table(ind.each, values, 0));
        c.subtotalCaps = Object.freeze(table(ind.subtotalCaps ?? {}, values, Infinity));
      }
      c.cap = ind.cap ?? Infinity;
      c.floor = ind.floor ?? -Infinity;
      break;
    }
    case 'latestRating':
      c.op = Op.LatestRating;
      c.kind = kindCode(ind.recordKind);
      c.pointsBy = Object.freeze(table(ind.points, attributeValues('TAX_RATING') ?? [], 0));
      break;
    case 'linkedListing':
      c.op = Op.LinkedListing;
      c.kind = kindCode(ind.listingKind);
      c.points = ind.points;
      break;
  }
  return Object.freeze(c);
}

function veto(v: VetoDefinition): CompiledVeto {
  const status = 'enterpriseStatus' in v.when ? v.when.enterpriseStatus : null;
  const kind = 'recordInForce' in v.when ? kindCode(v.when.recordInForce) : -1;
  return Object.freeze({
    code: v.code,
    label: v.label,
    effect: `AT_MOST_${v.atMost}` as VetoEffect,
    atMost: TIERS.indexOf(v.atMost),
    status,
    kind,
  });
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
