import { etaSeconds, RateMeter } from './rate-meter';

describe('RateMeter', () => {
  it('knows no rate until two observations span some time', () => {
    const m = new RateMeter();
    expect(m.rate()).toBeNull();
    m.add(0, 1000);
    expect(m.rate()).toBeNull();
    m.add(0, 1000);
    expect(m.rate()).toBeNull();
    m.add(2000, 2000);
    expect(m.rate()).toBe(2000);
  });

  it('measures over the sliding window, so a slowdown shows', () => {
    const m = new RateMeter(10_000);
    for (let s = 0; s <= 20; s++) m.add(s * 1000, s * 1000); // 1,000/s for 20 s
    expect(m.rate()).toBeCloseTo(1000);
    for (let s = 21; s <= 35; s++) m.add(20_000 + (s - 20) * 100, s * 1000); // then 100/s
    expect(m.rate()).toBeCloseTo(100);
  });

  it('smooths chunk-sized steps within the window', () => {
    const m = new RateMeter(15_000);
    const steps: [number, number][] = [
      [0, 0],
      [500, 0],
      [1000, 2000],
      [1500, 2000],
      [2000, 4000],
    ];
    for (const [at, n] of steps) m.add(n, at);
    expect(m.rate()).toBe(2000);
  });
});

describe('etaSeconds', () => {
  it.each([
    [1000, 100, 10],
    [0, null, 0],
    [-5, 10, 0],
    [1000, null, null],
    [1000, 0, null],
  ])('%d remaining at %s/s → %s s', (remaining, rate, eta) => {
    expect(etaSeconds(remaining, rate)).toBe(eta);
  });
});
