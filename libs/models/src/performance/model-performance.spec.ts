import { addToOutcomeHistogram, discrimination, emptyOutcomeHistogram } from '@app/stats';
import { rocCurve } from './model-performance';
import { riskOrder } from './model-performance.service';

describe('riskOrder', () => {
  it('orders by tier before score, then by score within a tier', () => {
    const d = riskOrder({ tier: 'D', score: 1000 }, 1000);
    const c = riskOrder({ tier: 'C', score: 0 }, 1000);
    const cHigh = riskOrder({ tier: 'C', score: 500 }, 1000);
    const a = riskOrder({ tier: 'A', score: 700 }, 1000);
    expect(d).toBeLessThan(c);
    expect(c).toBeLessThan(cHigh);
    expect(cHigh).toBeLessThan(a);
  });

  it('credits a veto: events capped at D rank below non-events of the same score', () => {
    const h = emptyOutcomeHistogram();
    for (let i = 0; i < 5; i++)
      addToOutcomeHistogram(h, riskOrder({ tier: 'D', score: 740 }, 1000), true);
    for (let i = 0; i < 5; i++)
      addToOutcomeHistogram(h, riskOrder({ tier: 'A', score: 740 }, 1000), false);
    expect(discrimination(h).auc).toBe(1);
  });
});

describe('rocCurve', () => {
  it('runs from (0,0) to (1,1), never down, with at most ~100 points', () => {
    const h = emptyOutcomeHistogram();
    for (let s = 0; s < 1000; s++) addToOutcomeHistogram(h, s, s % 7 === 0 || s < 100);
    const roc = rocCurve(h);
    expect(roc[0]).toMatchObject({ tpr: 0, fpr: 0 });
    expect(roc.at(-1)).toMatchObject({ tpr: 1, fpr: 1 });
    expect(roc.length).toBeLessThanOrEqual(102);
    for (let i = 1; i < roc.length; i++) {
      expect(roc[i].tpr).toBeGreaterThanOrEqual(roc[i - 1].tpr);
      expect(roc[i].fpr).toBeGreaterThanOrEqual(roc[i - 1].fpr);
    }
  });

  it('is empty without both outcomes', () => {
    const h = emptyOutcomeHistogram();
    addToOutcomeHistogram(h, 10, true);
    expect(rocCurve(h)).toEqual([]);
  });
});
