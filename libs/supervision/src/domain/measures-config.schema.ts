import { z } from 'zod';
import { toBasisPoints } from './sampling-ratios';
import { TIERS } from './tier';

/** Shape of config/measures.yaml. Unknown keys are errors: a typo must not silently drop a rule. */

export const LIST_FLAGS = ['seriousDishonestyList', 'abnormalList', 'judgmentDebtor'] as const;
export type ListFlag = (typeof LIST_FLAGS)[number];

const tierSchema = z.enum(TIERS as ['A', 'B', 'C', 'D']);
const text = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case: a-z, 0-9 and dashes');

const triggerSchema = z.discriminatedUnion('on', [
  z.strictObject({ on: z.literal('tier'), tiers: z.array(tierSchema).min(1) }),
  ...LIST_FLAGS.map((flag) => z.strictObject({ on: z.literal(flag) })),
]);

const measureSchema = z.strictObject({
  id,
  kind: z.enum(['INCENTIVE', 'SUPERVISION', 'PUNISHMENT']),
  zh: text,
  en: text,
  basis: z.array(id).min(1),
  when: z.array(triggerSchema).min(1),
  unless: z.array(z.enum(LIST_FLAGS)).default([]),
});

const ratio = z
  .number()
  .min(0)
  .max(1)
  .refine((r) => toBasisPoints(r) !== null, 'at most 4 decimals');

const tierSamplingSchema = z
  .strictObject({ default: ratio, min: ratio, max: ratio })
  .refine((s) => s.min <= s.max, { message: 'min must not exceed max', path: ['min'] })
  .refine((s) => s.min <= s.default && s.default <= s.max, {
    message: 'default must lie within min..max',
    path: ['default'],
  });

export const measuresConfigSchema = z
  .strictObject({
    version: z.literal(1),
    legalBases: z.record(id, z.strictObject({ zh: text, en: text })),
    measures: z.array(measureSchema).min(1),
    inspection: z.strictObject({
      ratios: z.strictObject({
        A: tierSamplingSchema,
        B: tierSamplingSchema,
        C: tierSamplingSchema,
        D: tierSamplingSchema,
      }),
    }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.measures.forEach((m, i) => {
      if (seen.has(m.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['measures', i, 'id'],
          message: `duplicate id '${m.id}'`,
        });
      }
      seen.add(m.id);
      m.basis.forEach((b, j) => {
        if (!(b in config.legalBases)) {
          ctx.addIssue({
            code: 'custom',
            path: ['measures', i, 'basis', j],
            message: `unknown legal basis '${b}' (not in legalBases)`,
          });
        }
      });
    });
  });

export type MeasuresConfig = z.infer<typeof measuresConfigSchema>;
export type MeasureConfig = MeasuresConfig['measures'][number];
export type MeasureKind = MeasureConfig['kind'];
export type MeasureTrigger = MeasureConfig['when'][number];
