import { resolveRatios, stratumCount, toBasisPoints, validateRatios } from './sampling-ratios';
import { PerTier } from './tier';
import { TierSampling } from './sampling-ratios';

const SAMPLING: PerTier<TierSampling> = {
  A: { default: 0.05, min: 0, max: 0.05 },
  B: { default: 0.1, min: 0.05, max: 0.2 },
  C: { default: 0.4, min: 0.21, max: 0.6 },
  D: { default: 0.8, min: 0.61, max: 1 },
};

describe('stratumCount: round half up of population × ratio', () => {
  it.each([
    [0, 0.5, 0],
    [7, 0, 0],
    [7, 1, 7],
    [9, 0.05, 0], // 0.45
    [10, 0.05, 1], // 0.5: half rounds up
    [3, 0.8, 2], // 2.4
    [1, 0.61, 1],
    [1, 0.4, 0],
    [100, 0.29, 29], // 0.29 * 100 is 28.999… in floating point
    [50, 0.29, 15], // 14.5
    [1000, 0.0035, 4], // 3.5
    [1_000_000, 0.05, 50_000],
    [0x7fffffff, 1, 0x7fffffff],
  ])('%i at %d draws %i', (population, ratio, expected) => {
    expect(stratumCount(population, ratio)).toBe(expected);
  });

  it('refuses ratios outside [0, 1] or with more than 4 decimals', () => {
    expect(() => stratumCount(10, 1.5)).toThrow(RangeError);
    expect(() => stratumCount(10, -0.1)).toThrow(RangeError);
    expect(() => stratumCount(10, 0.12345)).toThrow(RangeError);
  });

  it('converts 4-decimal ratios to exact basis points', () => {
    expect(toBasisPoints(0.07)).toBe(700);
    expect(toBasisPoints(0.0001)).toBe(1);
    expect(toBasisPoints(0.00015)).toBeNull();
  });
});

describe('validateRatios', () => {
  it('accepts no overrides and in-range overrides', () => {
    expect(validateRatios({}, SAMPLING)).toEqual([]);
    expect(validateRatios({ A: 0, B: 0.2, C: 0.21, D: 1 }, SAMPLING)).toEqual([]);
  });

  it('names the tier and the range of each violation', () => {
    const violations = validateRatios({ A: 0.06, C: 0.2, E: 0.1, B: '0.1', D: 0.61234 }, SAMPLING);
    expect(violations).toEqual([
      expect.objectContaining({ code: 'RATIO_OUT_OF_RANGE', tier: 'A', min: 0, max: 0.05 }),
      expect.objectContaining({ code: 'RATIO_OUT_OF_RANGE', tier: 'C', min: 0.21, max: 0.6 }),
      expect.objectContaining({ code: 'UNKNOWN_TIER', tier: 'E' }),
      expect.objectContaining({ code: 'RATIO_NOT_A_NUMBER', tier: 'B' }),
      expect.objectContaining({ code: 'RATIO_TOO_PRECISE', tier: 'D' }),
    ]);
    expect(violations[0].message).toBe('ratio 0.06 for tier A is outside the allowed range 0–0.05');
  });

  it('refuses NaN and infinities', () => {
    expect(validateRatios({ B: NaN, C: Infinity }, SAMPLING).map((v) => v.code)).toEqual([
      'RATIO_NOT_A_NUMBER',
      'RATIO_NOT_A_NUMBER',
    ]);
  });
});

describe('resolveRatios', () => {
  it('fills defaults and applies overrides', () => {
    expect(resolveRatios(SAMPLING)).toEqual({ A: 0.05, B: 0.1, C: 0.4, D: 0.8 });
    expect(resolveRatios(SAMPLING, { D: 1 })).toEqual({ A: 0.05, B: 0.1, C: 0.4, D: 1 });
  });

  it('throws on an invalid override', () => {
    expect(() => resolveRatios(SAMPLING, { A: 0.5 })).toThrow(/tier A/);
  });
});
