import { CalendarDate, isCalendarDate } from '@app/core';
import { RepairPolicy } from './repair-policy.schema';

export class NoPolicyInForceError extends Error {
  constructor(readonly date: CalendarDate) {
    super(`no credit-repair policy in force on ${date}`);
    this.name = 'NoPolicyInForceError';
  }
}

/**
 * The effective-dated set of policies. An application is judged by the policy
 * in force on its submission date, so periods must not overlap (checked here,
 * once, at load time rather than on every lookup).
 */
export class RepairPolicyBook {
  readonly policies: readonly RepairPolicy[];

  constructor(policies: readonly RepairPolicy[]) {
    const sorted = [...policies].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    const ids = new Set<string>();
    for (const p of sorted) {
      if (ids.has(p.id)) throw new Error(`duplicate credit-repair policy id '${p.id}'`);
      ids.add(p.id);
    }
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1];
      if (!before.effectiveUntil || before.effectiveUntil >= sorted[i].effectiveFrom) {
        throw new Error(
          `credit-repair policies '${before.id}' and '${sorted[i].id}' overlap: ` +
            `'${before.id}' must end before ${sorted[i].effectiveFrom}`,
        );
      }
    }
    this.policies = sorted;
  }

  /** The policy in force on `date` (both ends inclusive). */
  policyFor(date: CalendarDate): RepairPolicy {
    if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD calendar date: '${date}'`);
    const found = this.policies.find(
      (p) => p.effectiveFrom <= date && (!p.effectiveUntil || date <= p.effectiveUntil),
    );
    if (!found) throw new NoPolicyInForceError(date);
    return found;
  }

  byId(id: string): RepairPolicy | undefined {
    return this.policies.find((p) => p.id === id);
  }
}
