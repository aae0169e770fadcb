import { assess, pointsOf, profile } from '../testing/fixtures';

describe('B1 years since establishment (<1 −40; 1–3 −20; 3–10 0; ≥10 +20)', () => {
  it.each([
    ['2020-05-10', '2021-05-09', -40],
    ['2020-05-10', '2021-05-10', -20],
    ['2020-05-10', '2023-05-09', -20],
    ['2020-05-10', '2023-05-10', 0],
    ['2020-05-10', '2030-05-09', 0],
    ['2020-05-10', '2030-05-10', 20],
    ['2020-05-10', '2020-05-10', -40],
    // Established after asOf (bad data): treated as less than a year.
    ['2025-01-01', '2024-08-15', -40],
    // Born on a leap day: the anniversary in a common year is 1 March.
    ['2020-02-29', '2021-02-28', -40],
    ['2020-02-29', '2021-03-01', -20],
    ['2020-02-29', '2023-02-28', -20],
    ['2020-02-29', '2023-03-01', 0],
    ['2014-02-28', '2024-02-28', 20],
    ['2014-02-28', '2024-02-27', 0],
  ])('established %s, as of %s: %i', (establishedOn, asOf, points) => {
    expect(pointsOf('B1', profile({ establishedOn }), asOf)).toBe(points);
  });

  it.each([
    ['2021-05-10', '2022-04-01', '2022-05-10'],
    ['2020-02-29', '2021-01-10', '2021-03-01'],
    ['2014-02-28', '2024-01-10', '2024-02-28'],
  ])('established %s, as of %s: reviewed on the bin edge %s', (establishedOn, asOf, next) => {
    expect(assess(profile({ establishedOn }), asOf).nextReviewOn).toBe(next);
  });
});

describe('B2 registered capital (<1M −10; 1M–10M 0; ≥10M +10)', () => {
  it.each([
    [0, -10],
    [999_999, -10],
    [999_999.99, -10],
    [1_000_000, 0],
    [9_999_999, 0],
    [10_000_000, 10],
    [500_000_000, 10],
  ])('%d CNY: %i', (registeredCapital, points) => {
    expect(pointsOf('B2', profile({ registeredCapital }))).toBe(points);
  });
});

describe('B3 high-risk industry (C13 C14 C15 C26 C27 C34: −20)', () => {
  it.each([
    ['C1391', -20],
    ['C1469', -20],
    ['C1510', -20],
    ['C2614', -20],
    ['C2710', -20],
    ['C3411', -20],
    ['C13', -20],
    ['C1610', 0],
    ['C1', 0],
    ['C2510', 0],
    ['F5211', 0],
    ['I6510', 0],
  ])('%s: %i', (industryCode, points) => {
    expect(pointsOf('B3', profile({ industryCode }))).toBe(points);
  });
});
