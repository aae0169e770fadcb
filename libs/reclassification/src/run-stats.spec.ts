import { addOutcome, emptyStats, mergeStats } from './run-stats';

describe('run statistics', () => {
  it('counts new tiers and only real transitions', () => {
    const s = emptyStats();
    addOutcome(s, null, 'A');
    addOutcome(s, 'A', 'A');
    addOutcome(s, 'A', 'B');
    addOutcome(s, 'C', 'B');
    expect(s).toEqual({ byTier: { A: 2, B: 2, C: 0, D: 0 }, transitions: { 'A>B': 1, 'C>B': 1 } });
  });

  it('merges chunk statistics into run totals', () => {
    const a = emptyStats();
    addOutcome(a, 'A', 'B');
    const b = emptyStats();
    addOutcome(b, 'A', 'B');
    addOutcome(b, null, 'D');
    expect(mergeStats(a, b)).toEqual({
      byTier: { A: 0, B: 2, C: 0, D: 1 },
      transitions: { 'A>B': 2 },
    });
  });
});
