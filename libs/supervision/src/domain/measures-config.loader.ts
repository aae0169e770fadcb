import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { MeasuresConfig, measuresConfigSchema } from './measures-config.schema';

/** Relative to the working directory, which is the repository root in every process. */
export const DEFAULT_MEASURES_FILE = 'config/measures.yaml';

export interface ConfigIssue {
  /** e.g. `measures[3].when[0].tiers[1]`; empty for the whole file. */
  path: string;
  message: string;
}

/** A bad measures file: stops the boot, naming the file and each bad field. */
export class MeasuresConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(
      `${file}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
    );
    this.name = 'MeasuresConfigError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Validates already-read YAML text; `file` only labels errors. */
export function parseMeasuresConfig(text: string, file: string): MeasuresConfig {
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true });
  } catch (e) {
    throw new MeasuresConfigError(file, [
      { path: '', message: `invalid YAML: ${(e as Error).message}` },
    ]);
  }
  const result = measuresConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new MeasuresConfigError(
      file,
      result.error.issues.map((i: z.core.$ZodIssue) => ({
        path: formatPath(i.path),
        message: i.message,
      })),
    );
  }
  return result.data;
}

export function loadMeasuresConfig(file: string = DEFAULT_MEASURES_FILE): MeasuresConfig {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (e) {
    throw new MeasuresConfigError(file, [
      { path: '', message: `cannot read: ${(e as Error).message}` },
    ]);
  }
  return parseMeasuresConfig(text, file);
}
