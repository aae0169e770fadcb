import type { CalendarDate, WorkingDayCalendar } from '@app/core';
import type { CreditRecordInput } from '@app/scoring';
import type { RepairPolicy } from './repair-policy.schema';

/** The part of the working-day calendar deadlines need (lets tests substitute it). */
export type WorkingDays = Pick<WorkingDayCalendar, 'addWorkingDaysDetailed'>;

export interface Deadline {
  /** Last day of the time limit, inclusive. */
  date: CalendarDate;
  workingDays: number;
  /** Years judged Monday–Friday for lack of official data; non-empty means "say so". */
  fallbackYears: number[];
}

/** 受理 deadline: `acceptWithinWorkingDays` working days after submission. */
export function acceptBy(
  submittedOn: CalendarDate,
  policy: RepairPolicy,
  calendar: WorkingDays,
): Deadline {
  return deadline(submittedOn, policy.acceptWithinWorkingDays, calendar);
}

/** 补正 deadline: the enterprise supplies the requested materials within this many working days. */
export function supplyBy(
  requestedOn: CalendarDate,
  policy: RepairPolicy,
  calendar: WorkingDays,
): Deadline {
  return deadline(requestedOn, policy.supplyWithinWorkingDays, calendar);
}

/**
 * Decision deadline, counted from acceptance. `policy` is the one that judged
 * the application (in force on its submission date), even if a newer policy
 * is in force by the time it is accepted.
 */
export function decideBy(
  acceptedOn: CalendarDate,
  record: Pick<CreditRecordInput, 'kind' | 'severity'>,
  policy: RepairPolicy,
  calendar: WorkingDays,
): Deadline {
  const days = decisionWorkingDays(record, policy);
  if (days === undefined) {
    throw new RangeError(
      `policy ${policy.id} does not repair ${record.kind}${record.severity ? ` ${record.severity}` : ''}`,
    );
  }
  return deadline(acceptedOn, days, calendar);
}

/** Working days allowed for the decision, or undefined when the policy does not repair it. */
export function decisionWorkingDays(
  record: Pick<CreditRecordInput, 'kind' | 'severity'>,
  policy: RepairPolicy,
): number | undefined {
  const { rules } = policy;
  switch (record.kind) {
    case 'ABNORMAL_LISTING':
      return rules.ABNORMAL_LISTING?.decideWithinWorkingDays;
    case 'SERIOUS_DISHONESTY_LISTING':
      return rules.SERIOUS_DISHONESTY_LISTING?.decideWithinWorkingDays;
    case 'INSPECTION':
      return rules.INSPECTION?.decideWithinWorkingDays;
    case 'PENALTY': {
      const rule = record.severity ? rules.PENALTY?.severities[record.severity] : undefined;
      return rule?.repairable ? rule.decideWithinWorkingDays : undefined;
    }
    default:
      return undefined;
  }
}

function deadline(from: CalendarDate, days: number, calendar: WorkingDays): Deadline {
  const { date, fallbackYears } = calendar.addWorkingDaysDetailed(from, days);
  return { date, workingDays: days, fallbackYears };
}
