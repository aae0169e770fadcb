import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RepairPolicy, repairPolicySchema } from './repair-policy.schema';
import { RepairPolicyBook } from './repair-policy-book';

/** Relative to the service's working directory (the repository root). */
export const DEFAULT_REPAIR_POLICY_DIR = 'config/repair-policies';

/** A policy file that cannot be used; the message names the file and the path inside it. */
export class RepairPolicyError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'RepairPolicyError';
  }
}

/** Parses and validates one policy file's text; `source` is used in error messages. */
export function parseRepairPolicy(text: string, source: string): RepairPolicy {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new RepairPolicyError(source, [`invalid YAML: ${(e as Error).message}`]);
  }
  const result = repairPolicySchema.safeParse(raw);
  if (!result.success) {
    throw new RepairPolicyError(
      source,
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return result.data;
}

/** Loads every `*.yaml` / `*.yml` file of `dir` into a book (validated as a whole). */
export function loadRepairPolicies(dir: string = DEFAULT_REPAIR_POLICY_DIR): RepairPolicyBook {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const policies = files.map((f) => {
    const path = join(dir, f);
    const policy = parseRepairPolicy(readFileSync(path, 'utf8'), path);
    // The file name is how people find a policy; keep it and the id in step.
    if (policy.id !== basename(f, extname(f))) {
      throw new RepairPolicyError(path, [`id: '${policy.id}' does not match the file name`]);
    }
    return policy;
  });
  return new RepairPolicyBook(policies);
}
