import { assess, factorOf, linked, pointsOf, profile } from '../testing/fixtures';

describe('L1 / L2 listings of enterprises sharing a linked person', () => {
  it.each([
    ['SERIOUS_DISHONESTY_LISTING', 'L1', -60],
    ['ABNORMAL_LISTING', 'L2', -20],
  ] as const)('%s gives %s %i, once however many', (kind, code, points) => {
    const listings = [linked(kind, '2023-01-01'), linked(kind, '2023-02-01', { enterpriseId: 3 })];
    const f = factorOf(assess(profile({ linkedListings: listings })), code);
    expect(f.points).toBe(points);
    expect(f.recordIds).toEqual(listings.map((l) => l.recordId));
  });

  it('a serious listing counts for 36 months', () => {
    const listing = linked('SERIOUS_DISHONESTY_LISTING', '2021-08-15');
    expect(pointsOf('L1', profile({ linkedListings: [listing] }), '2024-08-14')).toBe(-60);
    expect(pointsOf('L1', profile({ linkedListings: [listing] }), '2024-08-15')).toBe(0);
    expect(assess(profile({ linkedListings: [listing] }), '2024-06-01').nextReviewOn).toBe(
      '2024-07-01',
    );
    expect(assess(profile({ linkedListings: [listing] }), '2024-07-01').nextReviewOn).toBe(
      '2024-08-15',
    );
  });

  it('an abnormal listing counts while ACTIVE, however old', () => {
    expect(
      pointsOf('L2', profile({ linkedListings: [linked('ABNORMAL_LISTING', '2005-01-01')] })),
    ).toBe(-20);
  });

  it.each([
    ['REPAIRED', {}],
    ['REVOKED', {}],
    ['EXPIRED', {}],
    ['ACTIVE', { occurredOn: '2024-08-16' }],
    ['ACTIVE', { enterpriseId: 1 }],
  ] as const)(
    'ignores a listing %s %j (not in force, future, or of this enterprise)',
    (status, extra) => {
      const listing = linked('ABNORMAL_LISTING', '2023-01-01', { status, ...extra });
      expect(pointsOf('L2', profile({ linkedListings: [listing] }))).toBe(0);
    },
  );

  it('lists a listing reached through two linked persons once', () => {
    const l = linked('ABNORMAL_LISTING', '2023-01-01');
    const f = factorOf(assess(profile({ linkedListings: [l, { ...l }] })), 'L2');
    expect(f.recordIds).toEqual([l.recordId]);
  });
});
