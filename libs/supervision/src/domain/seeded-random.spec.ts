import { canonicalSeed, createRandom, generateSeed, seedProblem } from './seeded-random';

describe('seeded random (SHA-256 → sfc32)', () => {
  it('matches the known answer, cross-checked against the PractRand C reference', () => {
    // Published plans depend on these numbers never changing.
    const r = createRandom('crs-demo', 'test');
    expect([1, 2, 3, 4, 5].map(() => r.nextUint32())).toEqual([
      2065518848, 746091521, 3861293797, 1400912592, 2518679163,
    ]);
  });

  it('is deterministic per seed and stream', () => {
    const draw = (seed: string | number, stream: string) => {
      const r = createRandom(seed, stream);
      return Array.from({ length: 8 }, () => r.nextUint32());
    };
    expect(draw('s', 'x')).toEqual(draw('s', 'x'));
    expect(draw(42, 'x')).toEqual(draw('42', 'x'));
    expect(draw('s', 'x')).not.toEqual(draw('t', 'x'));
    expect(draw('s', 'x')).not.toEqual(draw('s', 'y'));
  });

  it('treats canonically equal Unicode seeds alike', () => {
    expect(canonicalSeed('Cafe\u0301')).toBe(canonicalSeed('Caf\u00e9'));
    expect(canonicalSeed('杭州-2026-Q1')).toBe('杭州-2026-Q1');
  });

  it.each([
    ['', 'characters'],
    [' padded', 'whitespace'],
    ['tab\there', 'control'],
    ['x'.repeat(129), 'characters'],
    [-1, 'non-negative'],
    [1.5, 'integer'],
    [Number.MAX_SAFE_INTEGER + 1, 'safe'],
  ])('refuses the seed %j', (seed, words) => {
    expect(seedProblem(seed)).toContain(words);
    expect(() => canonicalSeed(seed)).toThrow(RangeError);
  });

  it('draws bounded integers exactly and roughly uniformly', () => {
    const r = createRandom('uniform', 'test');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[r.nextInt(10)]++;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
    expect(r.nextInt(1)).toBe(0);
    expect(() => r.nextInt(0)).toThrow(RangeError);
    expect(() => r.nextInt(2.5)).toThrow(RangeError);
    const big = r.nextInt(0x100000000);
    expect(big).toBeGreaterThanOrEqual(0);
    expect(big).toBeLessThan(0x100000000);
  });

  it('generates fresh, valid seeds', () => {
    const a = generateSeed();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(seedProblem(a)).toBeNull();
    expect(generateSeed()).not.toBe(a);
  });
});
