import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Assessment, Factor } from '../assessment';
import type { CompiledModel } from '../compiled-model';
import { evaluate } from '../evaluate';
import { loadModelFile, parseModel } from '../model-loader';
import type {
  CreditRecordInput,
  EnterpriseProfile,
  LinkedListingInput,
  RecordKind,
} from '../profile';

/** Test helpers: the shipped models and terse builders of profiles and records. */

export const MODELS_DIR = join(__dirname, '../../../../config/models');
export const V1: CompiledModel = loadModelFile(join(MODELS_DIR, 'samr-general-v1.yaml'));
export const V2: CompiledModel = loadModelFile(join(MODELS_DIR, 'samr-general-v2-draft.yaml'));

/**
 * A neutral enterprise under v1 at AS_OF: 5 years old, 5M capital, not
 * high-risk, no records. Its score is 700 - 80 (D1 missing report for 2023).
 */
export const AS_OF = '2024-08-15';

/** The indicators of domain.md's default model, in its order. */
export const DOMAIN_INDICATOR_CODES = [
  'B1',
  'B2',
  'B3',
  'D1',
  'D2',
  'D3',
  'R1',
  'R2',
  'R4',
  'R5',
  'L1',
  'L2',
  'S1',
  'S2',
  'S3',
];

export function profile(over: Partial<EnterpriseProfile> = {}): EnterpriseProfile {
  return {
    id: 1,
    uscc: '91110000600037341L',
    regionCode: '110000',
    industryCode: 'F5211',
    type: 'LLC',
    registeredCapital: 5_000_000,
    establishedOn: '2019-03-01',
    status: 'ACTIVE',
    records: [],
    linkedListings: [],
    ...over,
  };
}

let nextId = 1000;

export function rec(
  kind: RecordKind,
  occurredOn: string,
  extra: Partial<CreditRecordInput> = {},
): CreditRecordInput {
  return { id: nextId++, kind, occurredOn, status: 'ACTIVE', ...extra };
}

export function linked(
  kind: LinkedListingInput['kind'],
  occurredOn: string,
  extra: Partial<LinkedListingInput> = {},
): LinkedListingInput {
  return { enterpriseId: 2, recordId: nextId++, kind, occurredOn, status: 'ACTIVE', ...extra };
}

export function assess(p: EnterpriseProfile, asOf = AS_OF, model = V1): Assessment {
  const a = evaluate(p, model, asOf);
  if (a === null) throw new Error('not classified');
  return a;
}

export function factorOf(a: Assessment, code: string): Factor {
  const f = a.factors.find((x) => x.code === code);
  if (!f) throw new Error(`no factor ${code}`);
  return f;
}

/** Points of one indicator for a profile at a date. */
export function pointsOf(code: string, p: EnterpriseProfile, asOf = AS_OF, model = V1): number {
  return factorOf(assess(p, asOf, model), code).points;
}

/** The text of a shipped model file, to derive variants from in tests. */
export function modelText(file = 'samr-general-v1.yaml'): string {
  return readFileSync(join(MODELS_DIR, file), 'utf8');
}

/** v1 with a different base: puts a profile's score exactly where a test wants it. */
export function v1WithBase(base: number): CompiledModel {
  return parseModel(modelText().replace('base: 700', `base: ${base}`), 'test.yaml');
}
