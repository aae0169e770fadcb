import fc from 'fast-check';
import { moneyProblem, toMoney } from './money';

describe('money as exact decimal text', () => {
  it('keeps every digit of amounts a double cannot hold', () => {
    expect(toMoney('99999999999999.99', 14)).toBe('99999999999999.99');
    expect(toMoney('999999999999999.99', 16)).toBe('999999999999999.99');
    expect(toMoney('9999999999999999', 16)).toBe('9999999999999999.00');
  });

  it('writes one canonical spelling: no leading zeros, two decimals', () => {
    expect(toMoney('0005.5')).toBe('5.50');
    expect(toMoney('0')).toBe('0.00');
    expect(toMoney(20000)).toBe('20000.00');
    expect(toMoney(0.1)).toBe('0.10');
  });

  it('names the unmet condition', () => {
    expect(moneyProblem('99999999999999999', 16)).toMatch(/at most 16 digits before/);
    expect(moneyProblem('1.234', 16)).toMatch(/at most 2 decimals/);
    expect(moneyProblem('-1', 16)).toMatch(/non-negative/);
    expect(moneyProblem('1e5', 16)).toMatch(/non-negative amount/);
    expect(moneyProblem(' 1', 16)).not.toBeNull();
    expect(moneyProblem(null, 16)).toMatch(/decimal string/);
    // A JSON number past 15 significant digits was already rounded by the parser.
    expect(moneyProblem(Number('99999999999999.99'), 16)).toMatch(/as a decimal string/);
    expect(moneyProblem(1e21, 30)).toMatch(/as a decimal string/);
    expect(moneyProblem(Number.NaN, 16)).toMatch(/finite/);
    expect(moneyProblem('00000000000000001', 16)).toBeNull();
  });

  it('round-trips any amount within the digits, and its canonical form is a fixed point', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }), fc.nat(99), (int, cents) => {
        const text = `${int}.${String(cents).padStart(2, '0')}`;
        expect(toMoney(text, 16)).toBe(text);
        expect(toMoney(toMoney(text, 16), 16)).toBe(text);
      }),
    );
  });

  it('throws on what it refuses instead of writing a wrong amount', () => {
    expect(() => toMoney('12345678901234567', 16)).toThrow(RangeError);
  });
});
