import { daysInMonth } from './day-number';
import type { BinDefinition, ModelDefinition, WindowDefinition } from './model-schema';
import { attributeValues } from './record-codes';

/** One reason a model file is refused; `path` uses `a.b[2].c` notation. */
export interface ModelIssue {
  path: string;
  reason: string;
}

/** The letter an indicator code starts with says its category. */
const CODE_LETTER = {
  basic: 'B',
  dynamic: 'D',
  regulatory: 'R',
  relations: 'L',
  social: 'S',
} as const;

/**
 * Rules across fields that the schema cannot express. Runs on a structurally
 * valid definition and returns every problem found, in file order.
 */
export function checkModelRules(def: ModelDefinition): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const add = (path: string, reason: string) => issues.push({ path, reason });

  if (def.clamp.min >= def.clamp.max)
    add('clamp.max', `must be greater than clamp.min (${def.clamp.min})`);

  const p = def.publicity;
  checkWindow(p.penalty.MINOR, 'publicity.penalty.MINOR', add);
  checkWindow(p.penalty.MODERATE, 'publicity.penalty.MODERATE', add);
  checkWindow(p.penalty.SERIOUS, 'publicity.penalty.SERIOUS', add);
  checkWindow(p.seriousDishonestyListing, 'publicity.seriousDishonestyListing', add);

  const codes = Object.keys(def.indicators);
  if (codes.length === 0) add('indicators', 'at least one indicator is required');
  for (const code of codes) {
    const ind = def.indicators[code];
    const at = `indicators.${code}`;
    const letter = CODE_LETTER[ind.category];
    if (!/^[BDRLS][0-9]{1,2}$/.test(code)) {
      add(at, `unknown indicator code '${code}': expected B, D, R, L or S followed by a number`);
    } else if (code[0] !== letter) {
      add(
        `${at}.category`,
        `indicator ${code} is not in category '${ind.category}' (its codes start with ${letter})`,
      );
    }
    switch (ind.type) {
      case 'establishmentAge':
      case 'valueBins':
        checkBins(ind.bins, `${at}.bins`, add);
        break;
      case 'recordCount':
        checkBins(ind.bins, `${at}.bins`, add);
        if (ind.window) checkWindow(ind.window, `${at}.window`, add);
        break;
      case 'recordSum': {
        if (ind.window) checkWindow(ind.window, `${at}.window`, add);
        const values = attributeValues(ind.recordKind);
        if (typeof ind.each !== 'number') {
          if (!values)
            add(`${at}.each`, `${ind.recordKind} records have no attribute to key points by`);
          else checkKeys(ind.each, values, `${at}.each`, add);
        }
        if (ind.subtotalCaps) {
          if (typeof ind.each === 'number') {
            add(`${at}.subtotalCaps`, 'subtotal caps need points keyed by attribute in `each`');
          } else {
            checkKeys(ind.subtotalCaps, Object.keys(ind.each), `${at}.subtotalCaps`, add);
          }
        }
        if (ind.cap !== undefined && ind.floor !== undefined && ind.floor > ind.cap) {
          add(`${at}.floor`, `must not be greater than cap (${ind.cap})`);
        }
        break;
      }
      case 'latestRating':
        checkKeys(ind.points, attributeValues('TAX_RATING') ?? [], `${at}.points`, add);
        break;
      case 'annualReport': {
        const m = Number(ind.dueMonthDay.slice(0, 2));
        const d = Number(ind.dueMonthDay.slice(3));
        // 29 February is refused: the due date must exist every year.
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(2023, m)) {
          add(`${at}.dueMonthDay`, `'${ind.dueMonthDay}' is not a day that exists every year`);
        }
        break;
      }
      case 'industryPrefix':
      case 'linkedListing':
        break;
    }
  }

  const seen = new Set<string>();
  def.vetoes.forEach((v, i) => {
    if (seen.has(v.code)) add(`vetoes[${i}].code`, `duplicate veto code '${v.code}'`);
    seen.add(v.code);
  });

  const t = def.thresholds;
  if (t.B >= t.A)
    add('thresholds.B', `thresholds must descend: B (${t.B}) must be below A (${t.A})`);
  if (t.C >= t.B)
    add('thresholds.C', `thresholds must descend: C (${t.C}) must be below B (${t.B})`);
  return issues;
}

type Add = (path: string, reason: string) => void;

function checkWindow(w: WindowDefinition, at: string, add: Add): void {
  if ((w.days === undefined) === (w.months === undefined))
    add(at, 'give exactly one of days or months');
}

function checkKeys(
  obj: Record<string, number>,
  allowed: readonly string[],
  at: string,
  add: Add,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key))
      add(`${at}.${key}`, `unknown value '${key}': expected one of ${allowed.join(', ')}`);
  }
}

/** Bins must ascend without overlapping; only the first may omit `from`, only the last `to`. */
function checkBins(bins: readonly BinDefinition[], at: string, add: Add): void {
  bins.forEach((bin, i) => {
    if (bin.from === undefined && i > 0)
      add(`${at}[${i}].from`, 'only the first bin may omit from');
    if (bin.to === undefined && i < bins.length - 1)
      add(`${at}[${i}].to`, 'only the last bin may omit to');
    if (bin.from !== undefined && bin.to !== undefined && bin.from >= bin.to) {
      add(`${at}[${i}].to`, `must be greater than from (${bin.from})`);
    }
    const prev = bins[i - 1];
    if (prev?.to !== undefined && bin.from !== undefined && bin.from < prev.to) {
      add(
        `${at}[${i}].from`,
        `bins overlap or are not ascending: from ${bin.from} is below the previous bin's to (${prev.to})`,
      );
    }
  });
}
