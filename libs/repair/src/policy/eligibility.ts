import { addDays, addMonths, CalendarDate, isCalendarDate, maxDate } from '@app/core';
import type { CreditRecordInput } from '@app/scoring';
import type { EvidenceKind, RepairPolicy } from './repair-policy.schema';
import type { Condition, EligibilityInput, EligibilityResult } from './eligibility.types';
import { repairLimitCondition } from './repair-limits';

/**
 * Whether a record may be repaired on `on` under `policy`, with every
 * applicable condition and its outcome (never stopping at the first failure,
 * so an applicant sees everything that stands in the way).
 * See libs/repair/README.md for the reading of each rule.
 */
export function assessEligibility(input: EligibilityInput): EligibilityResult {
  const { record, policy } = input;
  // Dates are compared as strings below, which is only sound for valid YYYY-MM-DD.
  for (const d of [input.on, record.occurredOn]) {
    if (!isCalendarDate(d)) throw new RangeError(`not a YYYY-MM-DD calendar date: '${d}'`);
  }
  const others = input.otherRecords.filter((r) => r.id !== record.id && r.occurredOn <= input.on);
  const conditions: Condition[] = [
    check('RECORD_NOT_ACTIVE', record.status === 'ACTIVE', `status ${record.status}`),
  ];
  const rules = policy.rules;
  // Of inspections, only a negative result (a problem found, or not found at the address) is adverse.
  const negativeInspection = record.result === 'PROBLEM' || record.result === 'NOT_FOUND';
  const repairable =
    (record.kind === 'PENALTY' && !!rules.PENALTY) ||
    (record.kind === 'ABNORMAL_LISTING' && !!rules.ABNORMAL_LISTING) ||
    (record.kind === 'SERIOUS_DISHONESTY_LISTING' && !!rules.SERIOUS_DISHONESTY_LISTING) ||
    (record.kind === 'INSPECTION' && !!rules.INSPECTION && negativeInspection);
  const what =
    record.kind === 'INSPECTION'
      ? `kind INSPECTION, result ${record.result}`
      : `kind ${record.kind}`;
  conditions.push(check('NOT_REPAIRABLE_KIND', repairable, what));
  // Nothing else means anything for a kind the policy does not repair.
  if (!repairable) return result(policy, conditions);

  if (record.kind === 'PENALTY') conditions.push(...penaltyConditions(input, others));
  if (record.kind === 'SERIOUS_DISHONESTY_LISTING') {
    conditions.push(...seriousListConditions(input, others));
  }
  if (record.kind === 'ABNORMAL_LISTING' || record.kind === 'INSPECTION') {
    const months = rules[record.kind]!.minPeriodMonths;
    // 0 months: "once the cause is corrected" — a fact the regulator checks from the materials.
    if (months > 0) conditions.push(minPeriod(record.occurredOn, months, input.on));
  }

  if ((policy.limits.appliesTo as readonly string[]).includes(record.kind)) {
    conditions.push(repairLimitCondition(input.repairHistory.approved, policy.limits, input.on));
  }
  const open = input.repairHistory.openApplications.filter((a) => a.recordId === record.id);
  conditions.push(
    check('OPEN_APPLICATION_EXISTS', open.length < policy.limits.maxOpenApplicationsPerRecord),
  );
  if (input.evidenceKinds) {
    const missing = materialsFor(record, policy).filter((m) => !input.evidenceKinds!.includes(m));
    const c = check('MATERIALS_MISSING', missing.length === 0);
    conditions.push(missing.length ? { ...c, missingMaterials: missing } : c);
  }
  return result(policy, conditions);
}

/** The materials an application for `record` must include: its kind's, else the policy's. */
export function materialsFor(record: CreditRecordInput, policy: RepairPolicy): EvidenceKind[] {
  return (record.kind === 'INSPECTION' && policy.rules.INSPECTION?.materials) || policy.materials;
}

function penaltyConditions(input: EligibilityInput, others: CreditRecordInput[]): Condition[] {
  const { record, policy, on } = input;
  const rules = policy.rules.PENALTY!;
  const severityRule = record.severity ? rules.severities[record.severity] : undefined;
  const conditions: Condition[] = [
    // A penalty without a severity cannot be placed under any rule: treat as not repairable.
    check(
      'MINOR_NOT_REPAIRABLE',
      !!severityRule?.repairable,
      `severity ${record.severity ?? 'unknown'}`,
    ),
    restrictionInForce(record, on),
  ];
  if (severityRule?.repairable) {
    // A property of the penalty, not of the enterprise's industry; a record without one is OTHER.
    const field = record.field ?? 'OTHER';
    const override = severityRule.fieldOverrides
      .filter((o) => o.fields.includes(field))
      // Several matching overrides: the longest period wins (the stricter reading).
      .sort((a, b) => b.minPeriodMonths - a.minPeriodMonths)[0];
    const months = override?.minPeriodMonths ?? severityRule.minPeriodMonths;
    const c = minPeriod(record.occurredOn, months, on);
    conditions.push(override ? { ...c, detail: `${c.detail} (${override.label})` } : c);
  }
  conditions.push(onAbnormalList(others));
  const serious = others.filter(
    (r) =>
      r.kind === 'SERIOUS_DISHONESTY_LISTING' && r.status === 'ACTIVE' && !lapsed(r, policy, on),
  );
  const lapseDates = serious.map((r) => lapseDate(r, policy)).filter((d) => d !== undefined);
  conditions.push(
    withRecords(
      check('ON_SERIOUS_DISHONESTY_LIST', serious.length === 0),
      serious,
      // Time lifts it only if every current listing will lapse by itself.
      lapseDates.length === serious.length && serious.length
        ? lapseDates.reduce(maxDate)
        : undefined,
    ),
  );
  const sameKind = record.violationType
    ? others.filter(
        (r) =>
          r.kind === 'PENALTY' &&
          r.status !== 'REVOKED' &&
          r.violationType === record.violationType &&
          r.occurredOn > record.occurredOn,
      )
    : [];
  conditions.push(withRecords(check('SAME_KIND_PENALTY_SINCE', sameKind.length === 0), sameKind));
  return conditions;
}

/**
 * RESTRICTION_IN_FORCE: a restrictive penalty's publicity cannot be ended early
 * while its restriction runs (through `restrictionEndsOn` inclusive); without an
 * end date the restriction is not known to end, so only the regulator's record
 * of one lifts it.
 */
function restrictionInForce(record: CreditRecordInput, on: CalendarDate): Condition {
  if (record.restrictive !== true) return check('RESTRICTION_IN_FORCE', true);
  const ends = record.restrictionEndsOn;
  if (!ends) return check('RESTRICTION_IN_FORCE', false, 'restriction without an end date');
  if (on > ends) return check('RESTRICTION_IN_FORCE', true, `restriction ended ${ends}`);
  return {
    code: 'RESTRICTION_IN_FORCE',
    met: false,
    earliestOn: addDays(ends, 1),
    detail: `restriction runs through ${ends}`,
  };
}

function seriousListConditions(input: EligibilityInput, others: CreditRecordInput[]): Condition[] {
  const { record, policy, on } = input;
  const newPenalties = others.filter(
    (r) =>
      r.kind === 'PENALTY' &&
      r.status !== 'REVOKED' &&
      (r.severity === 'MODERATE' || r.severity === 'SERIOUS') &&
      r.occurredOn > record.occurredOn,
  );
  return [
    minPeriod(record.occurredOn, policy.rules.SERIOUS_DISHONESTY_LISTING!.minPeriodMonths, on),
    onAbnormalList(others),
    withRecords(check('SAME_KIND_PENALTY_SINCE', newPenalties.length === 0), newPenalties),
  ];
}

function minPeriod(from: CalendarDate, months: number, on: CalendarDate): Condition {
  const earliest = addMonths(from, months);
  const met = on >= earliest;
  const detail = `${months} months from ${from}`;
  return met
    ? { code: 'MIN_PERIOD_NOT_REACHED', met, detail }
    : { code: 'MIN_PERIOD_NOT_REACHED', met, earliestOn: earliest, detail };
}

function onAbnormalList(others: CreditRecordInput[]): Condition {
  const active = others.filter((r) => r.kind === 'ABNORMAL_LISTING' && r.status === 'ACTIVE');
  return withRecords(check('ON_ABNORMAL_LIST', active.length === 0), active);
}

function lapseDate(r: CreditRecordInput, policy: RepairPolicy): CalendarDate | undefined {
  const months = policy.rules.SERIOUS_DISHONESTY_LISTING?.lapsesAfterMonths;
  return months === undefined ? undefined : addMonths(r.occurredOn, months);
}

function lapsed(r: CreditRecordInput, policy: RepairPolicy, on: CalendarDate): boolean {
  const end = lapseDate(r, policy);
  return end !== undefined && on >= end;
}

function check(code: Condition['code'], met: boolean, detail?: string): Condition {
  return detail === undefined ? { code, met } : { code, met, detail };
}

function withRecords(
  c: Condition,
  records: CreditRecordInput[],
  earliestOn?: CalendarDate,
): Condition {
  if (c.met) return c;
  const out: Condition = { ...c, recordIds: records.map((r) => r.id) };
  if (earliestOn) out.earliestOn = earliestOn;
  return out;
}

function result(policy: RepairPolicy, conditions: Condition[]): EligibilityResult {
  const unmet = conditions.filter((c) => !c.met);
  const out: EligibilityResult = { eligible: unmet.length === 0, policy: policy.id, conditions };
  if (unmet.length && unmet.every((c) => c.earliestOn)) {
    out.earliestOn = unmet.map((c) => c.earliestOn!).reduce(maxDate);
  }
  return out;
}
