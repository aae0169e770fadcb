import { assess, linked, pointsOf, profile, rec } from './testing/fixtures';

// AS_OF is 2024-08-15 in the fixtures; a MODERATE penalty is published 12 months (R1 −80).
describe('publicity restarted by a revocation (publicityFrom)', () => {
  const penalty = rec('PENALTY', '2023-01-10', { severity: 'MODERATE' });

  it('counts a penalty again from the revocation date, past its original window', () => {
    expect(pointsOf('R1', profile({ records: [penalty] }))).toBe(0);
    const revoked = { ...penalty, publicityFrom: '2024-03-01' };
    expect(pointsOf('R1', profile({ records: [revoked] }))).toBe(-80);
    // 12 months from the revocation: the review is the day it ends.
    expect(assess(profile({ records: [revoked] })).nextReviewOn).toBe('2025-03-01');
    expect(pointsOf('R1', profile({ records: [revoked] }), '2025-03-01')).toBe(0);
  });

  it('restarts a serious listing’s 36 months, also for linked enterprises (L1)', () => {
    const listing = linked('SERIOUS_DISHONESTY_LISTING', '2020-01-01', {
      publicityFrom: '2024-01-01',
    });
    expect(pointsOf('L1', profile({ linkedListings: [listing] }))).toBe(-60);
    expect(pointsOf('L1', profile({ linkedListings: [{ ...listing, publicityFrom: null }] }))).toBe(
      0,
    );
  });
});

describe('temporary repair during a reorganisation (suspendedFrom … suspendedUntil)', () => {
  const listing = rec('ABNORMAL_LISTING', '2024-01-10', {
    suspendedFrom: '2024-06-01',
    suspendedUntil: '2024-09-30',
  });

  it('does not count a record while suspended, and counts it again by itself after', () => {
    const p = profile({ records: [listing] });
    const unsuspended = profile({ records: [{ ...listing, suspendedFrom: null }] });
    expect(pointsOf('R2', unsuspended)).toBeLessThan(0);
    expect(pointsOf('R2', p)).toBe(0);
    // The day after the term the engine reviews it, and it counts again.
    expect(assess(p).nextReviewOn).toBe('2024-10-01');
    expect(pointsOf('R2', p, '2024-10-01')).toBe(pointsOf('R2', unsuspended));
    // Before the suspension starts it counts, and its start is the next review.
    expect(pointsOf('R2', p, '2024-05-31')).toBe(pointsOf('R2', unsuspended));
    expect(assess(p, '2024-05-31').nextReviewOn).toBe('2024-06-01');
  });

  it('suspends a linked listing for the enterprises sharing a person too (L2)', () => {
    const l = linked('ABNORMAL_LISTING', '2024-01-10', {
      suspendedFrom: '2024-06-01',
      suspendedUntil: '2024-09-30',
    });
    expect(pointsOf('L2', profile({ linkedListings: [l] }))).toBe(0);
    expect(pointsOf('L2', profile({ linkedListings: [l] }), '2024-10-01')).toBeLessThan(0);
  });
});
