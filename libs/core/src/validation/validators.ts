import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { parseId } from '../http/id.pipe';
import { isCalendarDate } from '../values/calendar-date';
import { isValidUscc } from '../values/uscc';
import { JURISDICTION_PATTERN } from '../values/region-code';
import { moneyProblem } from '../values/money';

/** A valid USCC (GB 32100 check character); lower case is accepted and normalised by the DTO. */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a valid unified social credit code', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isValidUscc(v) },
    });
}

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date YYYY-MM-DD', ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isCalendarDate(v) },
    });
}

/**
 * CNY as an exact decimal (see values/money): at most 2 decimals and at most
 * `integerDigits` digits before the point, the column's DECIMAL(p,2) holding
 * p-2. The message names the unmet condition.
 */
export function IsMoney(integerDigits: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args) =>
          `${args.property} ${moneyProblem(args.value, integerDigits) ?? 'must be an amount in CNY'}`,
        ...options,
      },
      validator: { validate: (v: unknown) => moneyProblem(v, integerDigits) === null },
    });
}

/** A 6-digit administrative division code (GB/T 2260). */
/** A full 6-digit GB/T 2260 code; no province is `00` (as isRegionCode6). */
export const REGION_CODE_6 = /^(?!00)\d{6}$/;
/** A jurisdiction: 2, 4 or 6 digits, not `00` (the rule lives with the region helpers). */
export const JURISDICTION = JURISDICTION_PATTERN;

/**
 * A numeric id in a query string, in the one spelling IdPipe takes for path
 * ids: `0x1`, `+1`, `1.0` stay strings, so the `@IsInt()` beside it refuses them.
 */
export const ToId = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => parseId(value) ?? value);
