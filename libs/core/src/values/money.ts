/**
 * Money in CNY as exact decimal strings ("1234.50"). Amounts never pass through
 * a JavaScript number once they are text: a double holds 15–17 significant
 * digits, so `99999999999999.99` would become `.98` and a 16-digit capital
 * would round up past its DECIMAL column. The one rule for what an amount may
 * be lives here; the DTO validator, the NDJSON import and the entity
 * transformer all use it.
 */
export type Money = string;

/**
 * The column facts, from the registry schema: a DECIMAL(p,2) holds p-2
 * integer digits, and a longer amount must be a 400, not a database error.
 */
export const MONEY_INTEGER_DIGITS = {
  /** enterprises.registered_capital DECIMAL(18,2) */
  registeredCapital: 16,
  /** credit_records.amount DECIMAL(16,2) */
  penaltyAmount: 14,
} as const;

/** A JSON number is exact only up to 15 significant digits; longer ones must come as strings. */
const SAFE_NUMBER_DIGITS = 15;

/** Why `value` is not an amount with at most `integerDigits` digits before the point, or null if it is. */
export function moneyProblem(value: unknown, integerDigits: number): string | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'must be a finite amount';
    text = String(value);
    if (
      !/^\d+(\.\d+)?$/.test(text) ||
      text.replace(/\D/g, '').replace(/^0+/, '').length > SAFE_NUMBER_DIGITS
    )
      return `must be sent as a decimal string when it has more than ${SAFE_NUMBER_DIGITS} significant digits`;
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return 'must be a decimal string such as "20000.00"';
  }
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return 'must be a non-negative amount in CNY with at most 2 decimals';
  const integer = m[1].replace(/^0+(?=\d)/, '');
  if (integer.length > integerDigits)
    return `must have at most ${integerDigits} digits before the decimal point`;
  return null;
}

/**
 * The canonical text of a valid amount: no leading zeros, exactly 2 decimals.
 * Done on the text, so every digit survives. Throws on what `moneyProblem` refuses.
 */
export function toMoney(value: string | number, integerDigits = Infinity): Money {
  const problem = moneyProblem(value, integerDigits);
  if (problem) throw new RangeError(`amount '${String(value)}' ${problem}`);
  const [int, frac = ''] = String(value).split('.');
  return `${int.replace(/^0+(?=\d)/, '')}.${frac.padEnd(2, '0')}`;
}
