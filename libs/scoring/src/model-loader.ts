import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { canonicalJson } from './canonical-json';
import type { CompiledModel } from './compiled-model';
import { compileModel } from './model-compiler';
import { checkModelRules, type ModelIssue } from './model-rules';
import { modelSchema } from './model-schema';
import { ModelValidationError } from './model-validation-error';

/**
 * Parses, validates and compiles one model file's text. `fileName` only names
 * the file in error messages and in `sourceFile`.
 */
export function parseModel(text: string, fileName: string): CompiledModel {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    throw new ModelValidationError(
      fileName,
      doc.errors.map((e) => {
        const at = lineCounter.linePos(e.pos[0]);
        return {
          path: `line ${at.line}, column ${at.col}`,
          reason: `YAML syntax error: ${e.message}`,
        };
      }),
    );
  }
  const parsed = modelSchema.safeParse(doc.toJS());
  if (!parsed.success)
    throw new ModelValidationError(fileName, parsed.error.issues.flatMap(toIssues));
  const issues = checkModelRules(parsed.data);
  if (issues.length > 0) throw new ModelValidationError(fileName, issues);
  const hash = createHash('sha256').update(canonicalJson(parsed.data)).digest('hex');
  return compileModel(parsed.data, hash, fileName);
}

export function loadModelFile(path: string): CompiledModel {
  return parseModel(readFileSync(path, 'utf8'), basename(path));
}

/** Every `*.yaml` / `*.yml` of a directory, by version; two files of one version are refused. */
export function loadModelDirectory(dir: string): Map<string, CompiledModel> {
  const models = new Map<string, CompiledModel>();
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  for (const file of files) {
    const model = loadModelFile(join(dir, file));
    const other = models.get(model.version);
    if (other) {
      throw new ModelValidationError(file, [
        {
          path: 'version',
          reason: `version '${model.version}' is also declared by ${other.sourceFile}`,
        },
      ]);
    }
    models.set(model.version, model);
  }
  return models;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

function toIssues(issue: z.core.$ZodIssue): ModelIssue[] {
  // zod reports unknown keys at their parent; name each key itself instead.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      reason: 'unknown field',
    }));
  }
  return [{ path: formatPath(issue.path), reason: issue.message }];
}
