import { z } from 'zod';
import { isCalendarDate } from '@app/core';
import { PENALTY_FIELDS } from '@app/scoring';

/**
 * The shape of a credit-repair policy file (config/repair-policies/*.yaml).
 * Rules are data so that a regulator can change periods and limits without a
 * code change; this schema is the only place that knows the file layout.
 */

/** The record kinds a policy may make repairable; a kind absent from `rules` is not. */
export const REPAIRABLE_KINDS = [
  'PENALTY',
  'ABNORMAL_LISTING',
  'SERIOUS_DISHONESTY_LISTING',
  'INSPECTION',
] as const;
export type RepairableKind = (typeof REPAIRABLE_KINDS)[number];

export const EVIDENCE_KINDS = [
  'APPLICATION_FORM',
  'COMMITMENT_LETTER',
  'FULFILMENT_PROOF',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const calendarDate = z.string().refine(isCalendarDate, { message: 'expected a YYYY-MM-DD date' });
const months = z.number().int().min(0);
const workingDays = z.number().int().min(1);

const fieldOverride = z.strictObject({
  label: z.string().min(1),
  /** The penalty's field of law (`field` on the record; OTHER when absent). */
  fields: z.array(z.enum(PENALTY_FIELDS)).min(1),
  minPeriodMonths: months,
});

const severityRule = z.discriminatedUnion('repairable', [
  z.strictObject({ repairable: z.literal(false) }),
  z.strictObject({
    repairable: z.literal(true),
    minPeriodMonths: months,
    decideWithinWorkingDays: workingDays,
    fieldOverrides: z.array(fieldOverride).default([]),
  }),
]);

const penaltyRules = z.strictObject({
  severities: z.strictObject({
    MINOR: severityRule,
    MODERATE: severityRule,
    SERIOUS: severityRule,
  }),
});

const abnormalRules = z.strictObject({
  /** 0: as soon as the cause is corrected. */
  minPeriodMonths: months,
  decideWithinWorkingDays: workingDays,
});

const seriousListRules = z.strictObject({
  minPeriodMonths: months,
  decideWithinWorkingDays: workingDays,
  /** The listing ends by itself this long after listing (used when it blocks other repairs). */
  lapsesAfterMonths: months.optional(),
});

const inspectionRules = z.strictObject({
  /** Only negative results (PROBLEM, NOT_FOUND) are repaired; 0: once corrected. */
  minPeriodMonths: months,
  decideWithinWorkingDays: workingDays,
  /** The materials for this kind, when they differ from the policy's. */
  materials: z.array(z.enum(EVIDENCE_KINDS)).min(1).optional(),
});

const limits = z.strictObject({
  appliesTo: z.array(z.enum(REPAIRABLE_KINDS)),
  minMonthsSinceLastApproval: months,
  maxApprovalsInWindow: z.number().int().min(1),
  approvalWindowMonths: months,
  maxOpenApplicationsPerRecord: z.number().int().min(1),
});

export const repairPolicySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id'),
    title: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
    effectiveFrom: calendarDate,
    /** Last day in force, inclusive; absent while in force. */
    effectiveUntil: calendarDate.nullish(),
    acceptWithinWorkingDays: workingDays,
    /** 补正: working days the enterprise has to supply requested materials; then it lapses. */
    supplyWithinWorkingDays: workingDays.default(10),
    /** An approved repair revoked for false materials: publicity runs again from the revocation. */
    revocationRestartsPublicity: z.boolean().default(true),
    rules: z.strictObject({
      PENALTY: penaltyRules.optional(),
      ABNORMAL_LISTING: abnormalRules.optional(),
      SERIOUS_DISHONESTY_LISTING: seriousListRules.optional(),
      INSPECTION: inspectionRules.optional(),
    }),
    limits,
    materials: z.array(z.enum(EVIDENCE_KINDS)).min(1),
  })
  .superRefine((p, ctx) => {
    if (p.effectiveUntil && p.effectiveUntil < p.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveUntil'],
        message: `is before effectiveFrom ${p.effectiveFrom}`,
      });
    }
  });

export type RepairPolicy = z.infer<typeof repairPolicySchema>;
export type PenaltySeverityRule = z.infer<typeof severityRule>;
