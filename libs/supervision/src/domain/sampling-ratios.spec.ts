import fc from 'fast-check';
import {
  RATIO_SCALE,
  resolveRatios,
  stratumCount,
  TierSampling,
  toBasisPoints,
  validateRatios,
} from './sampling-ratios';
import { PerTier, Tier, TIERS } from './tier';

const SAMPLING: PerTier<TierSampling> = {
  A: { default: 0.05, min: 0, max: 0.05 },
  B: { default: 0.1, min: 0.05, max: 0.2 },
  C: { default: 0.4, min: 0.21, max: 0.6 },
  D: { default: 0.8, min: 0.61, max: 1 },
};

const FREE = { min: 0, max: 1 };

describe('stratumCount: each tier rounds the way its range protects, inside the range', () => {
  it.each<[Tier, number, number, number]>([
    // A rounds down: never above its share.
    ['A', 10, 0.05, 0], // 0.5
    ['A', 39, 0.05, 1], // 1.95
    ['A', 40, 0.05, 2],
    ['A', 1, 0.05, 0],
    ['A', 100, 0.0001, 0],
    // B rounds half up.
    ['B', 9, 0.05, 1], // 0.45 → 0, but 0 of 9 is below 5%: clamped up to 1 (11%)
    ['B', 10, 0.05, 1], // 0.5
    ['B', 50, 0.11, 6], // 5.5
    ['B', 1, 0.1, 0], // no count of 1 is in 5–20%: half up of 0.1
    ['B', 3, 0.2, 1], // 0.6 → 1: 0 of 3 is below 5%, 1 of 3 above 20%; no count fits
    // C and D round up: never below their share; a stratum of one is drawn.
    ['C', 1, 0.21, 1],
    ['C', 10, 0.21, 3], // 2.1
    ['C', 3, 0.4, 1], // 1.2 → 2 is 67% > 60%: clamped to 1 (33%)
    ['C', 3, 0.6, 1], // 1.8 → 2 is 67% > 60%: clamped to 1
    ['D', 1, 0.61, 1],
    ['D', 3, 0.8, 3], // 2.4
    ['D', 6, 0.8, 5], // 4.8
    ['D', 7, 1, 7],
    ['D', 0, 1, 0],
    ['D', 0x7fffffff, 1, 0x7fffffff],
  ])('%s: %i at %d draws %i', (tier, population, ratio, expected) => {
    expect(stratumCount(tier, population, ratio, SAMPLING[tier])).toBe(expected);
  });

  it('computes in integers: 0.29 × 100 is 28.999… in floating point', () => {
    expect(stratumCount('B', 100, 0.29, FREE)).toBe(29);
    expect(stratumCount('A', 100, 0.29, FREE)).toBe(29);
    expect(stratumCount('C', 100, 0.29, FREE)).toBe(29);
    expect(stratumCount('B', 1000, 0.0035, FREE)).toBe(4); // 3.5
    expect(stratumCount('A', 1_000_000, 0.05, SAMPLING.A)).toBe(50_000);
  });

  it('refuses ratios outside the range, [0, 1], or with more than 4 decimals', () => {
    expect(() => stratumCount('A', 10, 0.06, SAMPLING.A)).toThrow(/outside the allowed range/);
    expect(() => stratumCount('C', 10, 0.2, SAMPLING.C)).toThrow(RangeError);
    expect(() => stratumCount('B', 10, 1.5, FREE)).toThrow(RangeError);
    expect(() => stratumCount('B', 10, -0.1, FREE)).toThrow(RangeError);
    expect(() => stratumCount('B', 10, 0.12345, FREE)).toThrow(RangeError);
    expect(() => stratumCount('B', -1, 0.1, SAMPLING.B)).toThrow(RangeError);
    expect(() => stratumCount('B', 2 ** 31, 0.1, SAMPLING.B)).toThrow(RangeError);
  });

  it('converts 4-decimal ratios to exact basis points', () => {
    expect(toBasisPoints(0.07)).toBe(700);
    expect(toBasisPoints(0.0001)).toBe(1);
    expect(toBasisPoints(0.00015)).toBeNull();
  });

  describe('properties, over any population and any range and ratio allowed', () => {
    const bp = (n: number) => n / RATIO_SCALE;
    /** A range [min, max] and a ratio inside it, all in basis points. */
    const allowedArb = fc
      .tuple(
        fc.integer({ min: 0, max: RATIO_SCALE }),
        fc.integer({ min: 0, max: RATIO_SCALE }),
        fc.integer({ min: 0, max: RATIO_SCALE }),
      )
      .map((three) => three.sort((x, y) => x - y))
      .map(([min, ratio, max]) => ({ range: { min: bp(min), max: bp(max) }, ratio: bp(ratio) }));
    /** Small populations (where rounding matters most) and large ones. */
    const populationArb = fc.oneof(
      fc.integer({ min: 0, max: 50 }),
      fc.integer({ min: 0, max: 2_000_000 }),
    );
    const tierArb = fc.constantFrom<Tier>(...TIERS);
    // Exact rational comparisons: count / population ≤ r  ⇔  count × SCALE ≤ population × r_bp.
    const scaled = (r: number) => Math.round(r * RATIO_SCALE);
    const config = { numRuns: 2000 };

    it('draws between 0 and the whole stratum', () => {
      fc.assert(
        fc.property(tierArb, populationArb, allowedArb, (tier, population, { range, ratio }) => {
          const count = stratumCount(tier, population, ratio, range);
          expect(Number.isInteger(count)).toBe(true);
          expect(count).toBeGreaterThanOrEqual(0);
          expect(count).toBeLessThanOrEqual(population);
        }),
        config,
      );
    });

    it('A: the share drawn never exceeds the maximum; with no minimum, never the ratio chosen', () => {
      fc.assert(
        fc.property(populationArb, allowedArb, (population, { range, ratio }) => {
          const count = stratumCount('A', population, ratio, range);
          expect(count * RATIO_SCALE).toBeLessThanOrEqual(population * scaled(range.max));
          if (range.min === 0) {
            expect(count * RATIO_SCALE).toBeLessThanOrEqual(population * scaled(ratio));
          }
        }),
        config,
      );
    });

    it('C and D: the share drawn is never below the minimum; a non-empty stratum with a positive minimum draws someone', () => {
      fc.assert(
        fc.property(
          fc.constantFrom<Tier>('C', 'D'),
          populationArb,
          allowedArb,
          (tier, population, { range, ratio }) => {
            const count = stratumCount(tier, population, ratio, range);
            expect(count * RATIO_SCALE).toBeGreaterThanOrEqual(population * scaled(range.min));
            if (population > 0 && range.min > 0) expect(count).toBeGreaterThan(0);
          },
        ),
        config,
      );
    });

    it('every tier: whenever some count of the stratum has its share in range, the count drawn does', () => {
      fc.assert(
        fc.property(tierArb, populationArb, allowedArb, (tier, population, { range, ratio }) => {
          const count = stratumCount(tier, population, ratio, range);
          // Exact: a non-integer quotient is at least 1/10000 away from an integer.
          const lowest = Math.ceil((population * scaled(range.min)) / RATIO_SCALE);
          const highest = Math.floor((population * scaled(range.max)) / RATIO_SCALE);
          if (lowest <= highest) {
            expect(count * RATIO_SCALE).toBeGreaterThanOrEqual(population * scaled(range.min));
            expect(count * RATIO_SCALE).toBeLessThanOrEqual(population * scaled(range.max));
          }
        }),
        config,
      );
    });

    it('B: within half an enterprise of population × ratio whenever that stays in range', () => {
      fc.assert(
        fc.property(populationArb, allowedArb, (population, { range, ratio }) => {
          const count = stratumCount('B', population, ratio, range);
          const exact = population * scaled(ratio); // × SCALE
          const halfUp = Math.floor((exact + RATIO_SCALE / 2) / RATIO_SCALE);
          const inRange =
            halfUp * RATIO_SCALE >= population * scaled(range.min) &&
            halfUp * RATIO_SCALE <= population * scaled(range.max);
          if (inRange) expect(count).toBe(halfUp);
        }),
        config,
      );
    });
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
