import { addMonths, CalendarDate, maxDate } from '@app/core';
import type { RepairPolicy } from './repair-policy.schema';
import type { ApprovedRepair, Condition } from './eligibility.types';

/**
 * REPAIR_LIMIT: counting only approved repairs of the kinds the limits apply
 * to (`limits.appliesTo`), refused while one was approved less than
 * `minMonthsSinceLastApproval` ago, or while `maxApprovalsInWindow` approvals
 * fall inside the last `approvalWindowMonths`. Both lift with time alone, so an
 * unmet result carries the day both are satisfied.
 */
export function repairLimitCondition(
  approved: readonly ApprovedRepair[],
  limits: RepairPolicy['limits'],
  on: CalendarDate,
): Condition {
  // Newest first; decisions after `on` have not happened yet as of `on`.
  // A removal from the abnormal list is not one of them: it is the precondition of repairing a
  // penalty, so counting it would block the ordinary sequence (remove the listing, then repair).
  const kinds = limits.appliesTo as readonly string[];
  const dates = approved
    .filter((a) => kinds.includes(a.recordKind))
    .map((a) => a.decidedOn)
    .filter((d) => d <= on)
    .sort()
    .reverse();
  const reasons: string[] = [];
  let earliest: CalendarDate | undefined;

  if (dates.length) {
    const lift = addMonths(dates[0], limits.minMonthsSinceLastApproval);
    if (on < lift) {
      earliest = lift;
      reasons.push(`repair approved on ${dates[0]}`);
    }
  }
  const inWindow = dates.filter((d) => on < addMonths(d, limits.approvalWindowMonths));
  if (inWindow.length >= limits.maxApprovalsInWindow) {
    // Lifted once the max-th newest approval leaves the window.
    const lift = addMonths(inWindow[limits.maxApprovalsInWindow - 1], limits.approvalWindowMonths);
    earliest = earliest ? maxDate(earliest, lift) : lift;
    reasons.push(`${inWindow.length} repairs approved in ${limits.approvalWindowMonths} months`);
  }
  if (!earliest) return { code: 'REPAIR_LIMIT', met: true };
  return { code: 'REPAIR_LIMIT', met: false, earliestOn: earliest, detail: reasons.join('; ') };
}
