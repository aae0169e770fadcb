import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const schema = z
  .object({
    psi: z
      .object({ watch: z.number().positive(), alert: z.number().positive() })
      .strict()
      .refine((p) => p.watch < p.alert, { message: 'psi.watch must be below psi.alert' }),
    performance: z.object({ windowDays: z.number().int().min(1).max(3660) }).strict(),
  })
  .strict();

export type MonitoringConfig = z.infer<typeof schema>;

/** config/model-monitoring.yaml, validated: a bad file stops the boot naming the field. */
export function loadMonitoringConfig(file: string): MonitoringConfig {
  const parsed = schema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
