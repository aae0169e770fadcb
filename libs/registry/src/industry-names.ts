import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppConfig } from '@app/core';

const name = z.string().min(1);
const schema = z.strictObject({
  standard: name,
  sections: z.record(
    z.string().regex(/^[A-T]$/),
    z.strictObject({
      zh: name,
      en: name,
      divisions: z.tuple([z.string().regex(/^\d\d$/), z.string().regex(/^\d\d$/)]),
    }),
  ),
  divisions: z.record(z.string().regex(/^\d\d$/), name),
});

export interface IndustryName {
  section: string;
  sectionName: { zh: string; en: string };
  division: string | null;
  /** The division's Chinese name (the standard names divisions in Chinese only). */
  divisionName: string | null;
}

/** Parses config/industries.yaml; errors name the file and the field. */
export function parseIndustries(text: string, file: string) {
  const result = schema.safeParse(parse(text));
  if (!result.success) {
    const i = result.error.issues[0];
    throw new Error(`${file}: ${i.path.join('.')}: ${i.message}`);
  }
  return result.data;
}

/** Names of GB/T 4754 industries (sections and divisions) as data from `config/industries.yaml`. */
@Injectable()
export class IndustryCatalog {
  private readonly data: z.infer<typeof schema>;

  constructor(config: AppConfig) {
    const file = join(config.configDir, 'industries.yaml');
    this.data = parseIndustries(readFileSync(file, 'utf8'), file);
  }

  /** `F5191` → 批发和零售业 / 批发业; null for a code the standard does not have. */
  name(code: string | null | undefined): IndustryName | null {
    const m = code?.match(/^([A-T])(\d\d)?/);
    const section = m && this.data.sections[m[1]];
    if (!m || !section) return null;
    const division = m[2] ?? null;
    const inSection =
      division !== null && division >= section.divisions[0] && division <= section.divisions[1];
    return {
      section: m[1],
      sectionName: { zh: section.zh, en: section.en },
      division: inSection ? division : null,
      divisionName: inSection ? (this.data.divisions[division!] ?? null) : null,
    };
  }
}
