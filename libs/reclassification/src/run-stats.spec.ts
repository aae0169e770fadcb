import { addOutcome, countsWithin, emptyStats, mergeStats } from './run-stats';

const o = (
  previousTier: 'A' | 'B' | 'C' | 'D' | null,
  tier: 'A' | 'B' | 'C' | 'D',
  regionCode = '330106',
) => ({
  previousTier,
  tier,
  changed: previousTier !== tier,
  regionCode,
});

describe('run statistics', () => {
  it('counts new tiers, first classifications apart from real transitions', () => {
    const s = emptyStats();
    addOutcome(s, o(null, 'A'));
    addOutcome(s, o('A', 'A'));
    addOutcome(s, o('A', 'B'));
    addOutcome(s, o('C', 'B'));
    expect(s).toMatchObject({
      byTier: { A: 2, B: 2, C: 0, D: 0 },
      transitions: { 'A>B': 1, 'C>B': 1 },
      firstClassified: 1,
      changed: 3,
    });
  });

  it('merges chunk statistics into run totals, per district too', () => {
    const a = emptyStats();
    addOutcome(a, o('A', 'B', '330106'));
    const b = emptyStats();
    addOutcome(b, o('A', 'B', '330106'));
    addOutcome(b, o(null, 'D', '110101'));
    const run = mergeStats(a, b);
    expect(run).toMatchObject({
      byTier: { A: 0, B: 2, C: 0, D: 1 },
      transitions: { 'A>B': 2 },
      firstClassified: 1,
    });
    expect(run.byRegion['330106']).toMatchObject({ transitions: { 'A>B': 2 }, changed: 2 });
  });

  it('restricts the counts to a jurisdiction: a province reads its own, not the nation’s', () => {
    const s = emptyStats();
    addOutcome(s, o('A', 'B', '330106'));
    addOutcome(s, o('B', 'C', '330212'));
    addOutcome(s, o(null, 'D', '110101'));
    expect(countsWithin(s.byRegion, '33')).toEqual({
      byTier: { A: 0, B: 1, C: 1, D: 0 },
      transitions: { 'A>B': 1, 'B>C': 1 },
      firstClassified: 0,
      changed: 2,
    });
    expect(countsWithin(s.byRegion, '3301').transitions).toEqual({ 'A>B': 1 });
    expect(countsWithin(s.byRegion, '11').firstClassified).toBe(1);
  });

  it('reads chunk statistics written before first classifications and districts were counted', () => {
    const old = { byTier: { A: 1, B: 0, C: 0, D: 0 }, transitions: {} };
    expect(mergeStats(emptyStats(), old)).toMatchObject({ byTier: { A: 1 }, firstClassified: 0 });
  });
});
