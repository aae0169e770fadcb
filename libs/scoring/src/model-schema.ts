import { z } from 'zod';
import { RECORD_KINDS } from './profile';

/**
 * The shape of a model file (config/models/*.yaml). Structural rules only;
 * rules across fields (bins ascending, thresholds descending, code prefixes...)
 * are checked in model-rules.ts, where the message can say what is wrong.
 * Objects are strict so a misspelt key is refused instead of silently ignored.
 */

export const TIERS = ['A', 'B', 'C', 'D'] as const;
export type Tier = (typeof TIERS)[number];

export const CATEGORIES = ['basic', 'dynamic', 'regulatory', 'relations', 'social'] as const;
export type IndicatorCategory = (typeof CATEGORIES)[number];

const recordKind = z.enum(RECORD_KINDS);

const label = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
export type Label = Readonly<z.infer<typeof label>>;

const points = z.int();

/** Exactly one of `days` or `months` (checked in model-rules.ts). */
const window = z.strictObject({
  days: z.int().positive().optional(),
  months: z.int().positive().optional(),
});
export type WindowDefinition = z.infer<typeof window>;

/** `from` inclusive, `to` exclusive; an open end is omitted. */
const bin = z.strictObject({ from: z.number().optional(), to: z.number().optional(), points });
const yearBin = z.strictObject({ from: z.int().optional(), to: z.int().optional(), points });
export type BinDefinition = z.infer<typeof bin>;

const common = { category: z.enum(CATEGORIES), label };

const establishmentAge = z.strictObject({
  type: z.literal('establishmentAge'),
  ...common,
  /** In whole years since establishment. */
  bins: z.array(yearBin).min(1),
});

const valueBins = z.strictObject({
  type: z.literal('valueBins'),
  ...common,
  field: z.literal('registeredCapital'),
  bins: z.array(bin).min(1),
});

const industryPrefix = z.strictObject({
  type: z.literal('industryPrefix'),
  ...common,
  prefixes: z
    .array(z.string().regex(/^[A-T][0-9]{0,4}$/, 'expected a GB/T 4754 code prefix'))
    .min(1),
  points,
});

const annualReport = z.strictObject({
  type: z.literal('annualReport'),
  ...common,
  /** MM-DD of the year after the reported year. */
  dueMonthDay: z.string().regex(/^\d\d-\d\d$/, 'expected MM-DD'),
  points: z.strictObject({ onTime: points, late: points, missing: points, notYetDue: points }),
});

const recordCount = z.strictObject({
  type: z.literal('recordCount'),
  ...common,
  recordKind,
  window: window.optional(),
  bins: z.array(bin).min(1),
});

const recordSum = z.strictObject({
  type: z.literal('recordSum'),
  ...common,
  recordKind,
  window: window.optional(),
  /** Points per record, or per value of the kind's attribute (severity, result, rating). */
  each: z.union([points, z.record(z.string(), points)]),
  /** Caps on the subtotal of one attribute value, e.g. PASS inspections. */
  subtotalCaps: z.record(z.string(), points).optional(),
  cap: points.optional(),
  floor: points.optional(),
});

const latestRating = z.strictObject({
  type: z.literal('latestRating'),
  ...common,
  recordKind: z.literal('TAX_RATING'),
  /** Ratings not listed score 0. */
  points: z.record(z.string(), points),
});

const linkedListing = z.strictObject({
  type: z.literal('linkedListing'),
  ...common,
  listingKind: z.enum(['SERIOUS_DISHONESTY_LISTING', 'ABNORMAL_LISTING']),
  /** Applied once, however many linked listings. */
  points,
});

const indicator = z.discriminatedUnion('type', [
  establishmentAge,
  valueBins,
  industryPrefix,
  annualReport,
  recordCount,
  recordSum,
  latestRating,
  linkedListing,
]);
export type IndicatorDefinition = z.infer<typeof indicator>;

const veto = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected UPPER_SNAKE_CASE'),
  label,
  when: z.union([
    z.strictObject({ enterpriseStatus: z.enum(['REVOKED']) }),
    z.strictObject({ recordInForce: recordKind }),
  ]),
  /** The best tier the enterprise may get while the condition holds. */
  atMost: z.enum(TIERS),
});
export type VetoDefinition = z.infer<typeof veto>;

export const modelSchema = z.strictObject({
  version: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected lower-case letters, digits, . and -'),
  name: label,
  base: points,
  clamp: z.strictObject({ min: points, max: points }),
  /** How long an ACTIVE record stays in force; kinds not listed stay while ACTIVE. */
  publicity: z.strictObject({
    penalty: z.strictObject({
      MINOR: window,
      MODERATE: window,
      SERIOUS: window,
      /** A restrictive penalty with `restrictionEndsOn` is in force through that day. */
      restrictiveUntilRestrictionEnds: z.boolean(),
    }),
    seriousDishonestyListing: window,
  }),
  indicators: z.record(z.string(), indicator),
  vetoes: z.array(veto),
  thresholds: z.strictObject({ A: points, B: points, C: points }),
});

export type ModelDefinition = z.infer<typeof modelSchema>;
