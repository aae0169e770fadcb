import { BadRequestException } from '@nestjs/common';

/**
 * One end of a period in a query (`from`, `to`): an ISO-8601 timestamp, or a
 * date meaning the start of that day (UTC) for `from` and the start of the
 * next one for `to`. 400 naming the field otherwise. Used by every list that
 * filters by period (audit, inspection plans).
 */
export function periodBound(value: string, field: 'from' | 'to'): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) {
    throw new BadRequestException({
      message: `invalid request: ${field}`,
      details: [{ field, message: `${field} must be an ISO-8601 date or timestamp` }],
    });
  }
  if (dateOnly && field === 'to') d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
