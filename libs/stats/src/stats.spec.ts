import fc from 'fast-check';
import {
  addToOutcomeHistogram,
  discrimination,
  emptyOutcomeHistogram,
  isStrictlyIncreasing,
  psi,
  psiBand,
  scoreBinsPsi,
  wilsonInterval,
} from './index';

describe('wilsonInterval', () => {
  it('matches published values', () => {
    const zero = wilsonInterval(0, 10);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
    const half = wilsonInterval(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const w = wilsonInterval(81, 263);
    expect(w.rate).toBeCloseTo(0.30798, 4);
    expect(w.low).toBeCloseTo(0.2553, 3);
    expect(w.high).toBeCloseTo(0.3662, 3);
  });
  it('has no rate without observations', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: null, low: null, high: null });
  });
});

function histogram(events: Record<number, number>, nonEvents: Record<number, number>) {
  const h = emptyOutcomeHistogram();
  for (const [s, n] of Object.entries(events))
    for (let i = 0; i < n; i++) addToOutcomeHistogram(h, Number(s), true);
  for (const [s, n] of Object.entries(nonEvents))
    for (let i = 0; i < n; i++) addToOutcomeHistogram(h, Number(s), false);
  return h;
}

describe('discrimination', () => {
  it('reproduces Hanley & McNeil (1982): CT ratings of 109 patients, AUC 0.893, SE 0.032', () => {
    const h = histogram({ 1: 3, 2: 2, 3: 2, 4: 11, 5: 33 }, { 1: 33, 2: 6, 3: 6, 4: 11, 5: 2 });
    const d = discrimination(h, { higherScoreMeansRisk: true });
    expect(d.auc).toBeCloseTo(0.893, 3);
    expect((d.aucHigh! - d.aucLow!) / 2 / 1.96).toBeCloseTo(0.032, 3);
    expect(d.gini).toBeCloseTo(2 * 0.893 - 1, 2);
  });
  it('is 1 with KS 1 when events all score lower, 0.5 with KS 0 when the distributions agree', () => {
    const perfect = discrimination(histogram({ 100: 5, 200: 5 }, { 700: 5, 800: 5 }));
    expect(perfect.auc).toBe(1);
    expect(perfect.ks).toBe(1);
    const same = discrimination(histogram({ 100: 5, 700: 5 }, { 100: 10, 700: 10 }));
    expect(same.auc).toBe(0.5);
    expect(same.ks).toBe(0);
  });
  it('computes KS as the largest gap of the cumulative distributions', () => {
    // events at 1,2,3; non-events at 2,4,5,6 (low = risky): after 3, events 3/3 vs non-events 1/4.
    const d = discrimination(histogram({ 1: 1, 2: 1, 3: 1 }, { 2: 1, 4: 1, 5: 1, 6: 1 }));
    expect(d.ks).toBeCloseTo(0.75, 10);
    // pairs: 3·4 = 12; event 1: 4 wins, event 2: 3 wins + tie, event 3: 3 wins → 10.5/12
    expect(d.auc).toBeCloseTo(10.5 / 12, 10);
  });
  it('has no AUC when one class is empty', () => {
    expect(discrimination(histogram({ 1: 3 }, {})).auc).toBeNull();
  });
  it('equals the brute-force pair count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }),
        (ev, non) => {
          const h = emptyOutcomeHistogram();
          ev.forEach((s) => addToOutcomeHistogram(h, s, true));
          non.forEach((s) => addToOutcomeHistogram(h, s, false));
          let wins = 0;
          for (const e of ev) for (const n of non) wins += e < n ? 1 : e === n ? 0.5 : 0;
          expect(discrimination(h).auc).toBeCloseTo(wins / (ev.length * non.length), 10);
        },
      ),
    );
  });
});

describe('psi', () => {
  it('matches a worked example', () => {
    // proportions 0.5/0.3/0.2 against 0.4/0.4/0.2
    const r = psi({ a: 50, b: 30, c: 20 }, { a: 40, b: 40, c: 20 });
    const expected = (0.4 - 0.5) * Math.log(0.4 / 0.5) + (0.4 - 0.3) * Math.log(0.4 / 0.3);
    expect(r.psi).toBeCloseTo(expected, 10);
    expect(r.psi).toBeCloseTo(0.05108, 4);
  });
  it('is 0 for the same distribution and finite with an empty bin', () => {
    expect(psi({ a: 1, b: 3 }, { a: 10, b: 30 }).psi).toBeCloseTo(0, 12);
    const r = psi({ a: 10, b: 0 }, { a: 5, b: 5 });
    expect(Number.isFinite(r.psi)).toBe(true);
    expect(r.bins.find((b) => b.key === 'b')!.expected).toBe(1e-4);
  });
  it('bands at 0.1 and 0.25', () => {
    expect([0.05, 0.1, 0.2, 0.25, 0.3].map((v) => psiBand(v))).toEqual([
      'STABLE',
      'WATCH',
      'WATCH',
      'WATCH',
      'ALERT',
    ]);
  });
  it('bins scores by the baseline deciles', () => {
    const base: Record<string, number> = {};
    for (let s = 0; s < 1000; s += 10) base[s] = 10;
    expect(scoreBinsPsi(base, base).psi).toBeCloseTo(0, 12);
    expect(scoreBinsPsi(base, base).bins).toHaveLength(10);
    const shifted: Record<string, number> = {};
    for (let s = 0; s < 1000; s += 10) shifted[Math.max(0, s - 300)] = 10;
    expect(scoreBinsPsi(base, shifted).psi!).toBeGreaterThan(0.25);
  });
});

describe('isStrictlyIncreasing', () => {
  it('skips nulls', () => {
    expect(isStrictlyIncreasing([0.01, null, 0.1, 0.3])).toBe(true);
    expect(isStrictlyIncreasing([0.01, 0.2, 0.1])).toBe(false);
    expect(isStrictlyIncreasing([0.1, 0.1])).toBe(false);
  });
});
