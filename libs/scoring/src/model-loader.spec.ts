import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelDirectory, loadModelFile, parseModel } from './model-loader';
import { ModelValidationError } from './model-validation-error';
import { DOMAIN_INDICATOR_CODES, MODELS_DIR, modelText } from './testing/fixtures';

const V1_TEXT = modelText();

/** v1 with one piece of text replaced; fails the test if the piece is not there. */
function variant(from: string | RegExp, to: string): string {
  const out = V1_TEXT.replace(from, to);
  if (out === V1_TEXT) throw new Error(`variant: ${String(from)} not found`);
  return out;
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scoring-models-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function refusal(text: string, file = 'bad-model.yaml'): ModelValidationError {
  try {
    parseModel(text, file);
  } catch (e) {
    if (e instanceof ModelValidationError) return e;
    throw e;
  }
  throw new Error('the model was accepted');
}

describe('model loader', () => {
  it('loads both shipped models', () => {
    const models = loadModelDirectory(MODELS_DIR);
    expect([...models.keys()].sort()).toEqual(['samr-general-v1', 'samr-general-v2-draft']);
    const v1 = models.get('samr-general-v1');
    expect(v1?.sourceFile).toBe('samr-general-v1.yaml');
    expect(v1?.indicators.map((i) => i.code)).toEqual(DOMAIN_INDICATOR_CODES);
    expect(v1).toMatchObject({
      base: 700,
      clampMin: 0,
      clampMax: 1000,
      thresholdA: 700,
      thresholdB: 600,
      thresholdC: 450,
    });
    expect(models.get('samr-general-v2-draft')).toMatchObject({
      thresholdA: 720,
      thresholdB: 620,
      thresholdC: 470,
    });
  });

  it('hashes the content: 64 hex digits, independent of key order and comments, changed by any value', () => {
    const v1 = loadModelFile(join(MODELS_DIR, 'samr-general-v1.yaml'));
    expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = variant(
      'base: 700\nclamp: { min: 0, max: 1000 }',
      'clamp: { max: 1000, min: 0 }\n# moved\nbase: 700',
    );
    expect(parseModel(reordered, 'x.yaml').hash).toBe(v1.hash);
    expect(
      parseModel(variant('thresholds: { A: 700,', 'thresholds: { A: 701,'), 'x.yaml').hash,
    ).not.toBe(v1.hash);
  });

  it('freezes the compiled model', () => {
    const m = parseModel(V1_TEXT, 'x.yaml');
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.indicators[0].label)).toBe(true);
    expect(Object.isFrozen(m.definition.indicators)).toBe(true);
  });

  it.each<[string, string, string | RegExp, RegExp]>([
    ['a missing field', 'base', /^base: 700\n/m, /expected number, received undefined/],
    [
      'a wrong type',
      'indicators.B1.bins[0].points',
      '- { to: 1, points: -40 }',
      /expected number, received string/,
    ],
    [
      'a fractional point',
      'indicators.B2.bins[0].points',
      '- { to: 1000000, points: -10 }',
      /expected int/,
    ],
    [
      'overlapping bins',
      'indicators.B1.bins[2].from',
      '- { from: 3, to: 10, points: 0 }',
      /bins overlap or are not ascending/,
    ],
    [
      'descending bins',
      'indicators.D2.bins[1].from',
      '- { from: 2, to: 3, points: -20 }',
      /bins overlap or are not ascending/,
    ],
    [
      'an open bin in the middle',
      'indicators.R5.bins[1].to',
      '- { from: 3, to: 6, points: -30 }',
      /only the last bin may omit to/,
    ],
    [
      'a bin with from ≥ to',
      'indicators.B2.bins[1].to',
      '- { from: 1000000, to: 10000000, points: 0 }',
      /must be greater than from/,
    ],
    [
      'thresholds not descending',
      'thresholds.B',
      'thresholds: { A: 700, B: 600',
      /thresholds must descend/,
    ],
    ['an unknown indicator code', 'indicators.X3', /^ {2}B3:$/m, /unknown indicator code 'X3'/],
    [
      'a code in the wrong category',
      'indicators.R9.category',
      /^ {2}B3:$/m,
      /not in category 'basic'/,
    ],
    [
      'an unknown indicator type',
      'indicators.B1.type',
      'type: establishmentAge',
      /Invalid discriminator value/,
    ],
    ['an unknown field', 'indicators.S1.pionts', /each: 20\n/, /unknown field/],
    [
      'a window with days and months',
      'indicators.D2.window',
      /window: \{ days: 365 \}/,
      /exactly one of days or months/,
    ],
    [
      'a publicity window with neither',
      'publicity.penalty.MINOR',
      'MINOR: { months: 3 }',
      /exactly one of days or months/,
    ],
    ['an unknown severity', 'indicators.R1.each.HUGE', 'MINOR: -30,', /unknown value 'HUGE'/],
    [
      'a subtotal cap on an unpriced result',
      'indicators.R4.subtotalCaps.MAYBE',
      'subtotalCaps: { PASS: 20 }',
      /unknown value 'MAYBE'/,
    ],
    [
      'a due date not in every year',
      'indicators.D1.dueMonthDay',
      "dueMonthDay: '06-30'",
      /not a day that exists every year/,
    ],
    [
      'an unknown record kind',
      'indicators.R5.recordKind',
      'recordKind: COMPLAINT',
      /Invalid option/,
    ],
    [
      'a duplicate veto code',
      'vetoes[3].code',
      'code: JUDGMENT_DEBTOR',
      /duplicate veto code 'ABNORMAL_LIST'/,
    ],
    ['an unknown veto tier', 'vetoes[0].atMost', /atMost: D\n/, /Invalid option/],
    ['a bad version', 'version', 'version: samr-general-v1', /expected lower-case/],
  ])('refuses %s, naming %s', (_what, path, from, reason) => {
    const replacements: Record<string, string> = {
      base: '',
      'indicators.B1.bins[0].points': '- { to: 1, points: forty }',
      'indicators.B2.bins[0].points': '- { to: 1000000, points: -10.5 }',
      'indicators.B1.bins[2].from': '- { from: 2, to: 10, points: 0 }',
      'indicators.D2.bins[1].from': '- { from: 1, to: 3, points: -20 }',
      'indicators.R5.bins[1].to': '- { from: 3, points: -30 }',
      'indicators.B2.bins[1].to': '- { from: 1000000, to: 1000000, points: 0 }',
      'thresholds.B': 'thresholds: { A: 700, B: 700',
      'indicators.X3': '  X3:',
      'indicators.R9.category': '  R9:',
      'indicators.B1.type': 'type: establishmentYears',
      'indicators.S1.pionts': 'each: 20\n    pionts: 3\n',
      'indicators.D2.window': 'window: { days: 365, months: 12 }',
      'publicity.penalty.MINOR': 'MINOR: {}',
      'indicators.R1.each.HUGE': 'MINOR: -30, HUGE: -1000,',
      'indicators.R4.subtotalCaps.MAYBE': 'subtotalCaps: { PASS: 20, MAYBE: 5 }',
      'indicators.D1.dueMonthDay': "dueMonthDay: '02-29'",
      'indicators.R5.recordKind': 'recordKind: GRIEVANCE',
      'vetoes[3].code': 'code: ABNORMAL_LIST',
      'vetoes[0].atMost': 'atMost: E\n',
      version: 'version: SAMR General',
    };
    const e = refusal(variant(from, replacements[path]), 'broken-model.yaml');
    const line = e.message.split('\n').find((l) => l.startsWith(`broken-model.yaml: ${path}: `));
    expect(line).toBeDefined();
    expect(line).toMatch(reason);
    expect(e.file).toBe('broken-model.yaml');
    expect(e.issues.map((i) => i.path)).toContain(path);
  });

  it('refuses bad YAML syntax, naming the file and the line', () => {
    const e = refusal(
      variant('clamp: { min: 0, max: 1000 }', 'clamp: { min: 0, max: 1000'),
      'syntax.yaml',
    );
    expect(e.message).toMatch(/^syntax\.yaml: line \d+, column \d+: YAML syntax error/);
  });

  it('refuses a duplicate key', () => {
    expect(refusal(variant('base: 700', 'base: 700\nbase: 710'), 'dup.yaml').message).toMatch(
      /^dup\.yaml: line \d+, column \d+: YAML syntax error: .*unique/i,
    );
  });

  it('refuses a file that is not a mapping', () => {
    expect(refusal('- 1\n- 2\n', 'list.yaml').message).toMatch(
      /^list\.yaml: \(root\): .*expected object/,
    );
  });

  it('loadModelFile names the file in its errors', () => {
    const dir = tempDir();
    const path = join(dir, 'oops.yaml');
    writeFileSync(
      path,
      variant('thresholds: { A: 700, B: 600, C: 450 }', 'thresholds: { A: 700, B: 600, C: 650 }'),
    );
    expect(() => loadModelFile(path)).toThrow(
      /^oops\.yaml: thresholds\.C: thresholds must descend/,
    );
  });

  it('loadModelDirectory refuses two files of one version and skips other files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), V1_TEXT);
    writeFileSync(join(dir, 'README.md'), '# not a model');
    expect(loadModelDirectory(dir).size).toBe(1);
    writeFileSync(join(dir, 'b.yml'), V1_TEXT);
    expect(() => loadModelDirectory(dir)).toThrow(
      /^b\.yml: version: version 'samr-general-v1' is also declared by a\.yaml/,
    );
  });
});
