import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { book, P107, P2021, POLICY_DIR } from '../../test/policy-fixtures';
import { loadRepairPolicies, parseRepairPolicy, RepairPolicyError } from './repair-policy.loader';
import { NoPolicyInForceError, RepairPolicyBook } from './repair-policy-book';

const text107 = readFileSync(join(POLICY_DIR, '2025-samr-order-107.yaml'), 'utf8');

const tempDirs: string[] = [];
function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'repair-policies-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => tempDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('repair policy files', () => {
  it('loads the shipped policies in date order', () => {
    expect(book.policies.map((p) => p.id)).toEqual([
      '2021-guo-shi-jian-xin-gui-3',
      '2025-samr-order-107',
    ]);
    expect(P2021.effectiveUntil).toBe('2025-12-24');
    expect(P107.effectiveFrom).toBe('2025-12-25');
    expect(P107.effectiveUntil).toBeUndefined();
    expect(P107.title.zh).toContain('第107号');
  });

  it('carries the Order 107 rules as data', () => {
    const { PENALTY, ABNORMAL_LISTING, SERIOUS_DISHONESTY_LISTING } = P107.rules;
    expect(PENALTY!.severities.MINOR).toEqual({ repairable: false });
    expect(PENALTY!.severities.MODERATE).toMatchObject({
      minPeriodMonths: 3,
      decideWithinWorkingDays: 7,
    });
    expect(PENALTY!.severities.SERIOUS).toMatchObject({
      minPeriodMonths: 12,
      decideWithinWorkingDays: 7,
    });
    expect(ABNORMAL_LISTING).toEqual({ minPeriodMonths: 0, decideWithinWorkingDays: 5 });
    expect(SERIOUS_DISHONESTY_LISTING).toMatchObject({
      minPeriodMonths: 12,
      decideWithinWorkingDays: 7,
    });
    expect(P107.acceptWithinWorkingDays).toBe(2);
    expect(P107.limits).toMatchObject({
      minMonthsSinceLastApproval: 12,
      maxApprovalsInWindow: 2,
      approvalWindowMonths: 60,
      maxOpenApplicationsPerRecord: 1,
    });
    expect(P107.materials).toEqual(['APPLICATION_FORM', 'COMMITMENT_LETTER', 'FULFILMENT_PROOF']);
  });

  it('carries the 2021 periods of the food, drug and special-equipment fields', () => {
    const moderate = P2021.rules.PENALTY!.severities.MODERATE;
    expect(moderate).toMatchObject({ minPeriodMonths: 6, decideWithinWorkingDays: 15 });
    if (!moderate.repairable) throw new Error('expected repairable');
    expect(moderate.fieldOverrides[0]).toMatchObject({
      fields: ['FOOD', 'DRUG', 'SPECIAL_EQUIPMENT'],
      minPeriodMonths: 12,
    });
    expect(P2021.rules.SERIOUS_DISHONESTY_LISTING!.minPeriodMonths).toBe(12);
  });

  it('chooses the policy in force on the submission date', () => {
    expect(book.policyFor('2025-12-24').id).toBe('2021-guo-shi-jian-xin-gui-3');
    expect(book.policyFor('2025-12-25').id).toBe('2025-samr-order-107');
    expect(book.policyFor('2021-09-01').id).toBe('2021-guo-shi-jian-xin-gui-3');
    expect(book.policyFor('2099-01-01').id).toBe('2025-samr-order-107');
    expect(() => book.policyFor('2021-08-31')).toThrow(NoPolicyInForceError);
    expect(() => book.policyFor('2025-12-32')).toThrow(RangeError);
  });
});

describe('repair policy validation', () => {
  const bad = (from: string, to: string) => () =>
    parseRepairPolicy(text107.replace(from, to), 'x.yaml');

  it('names the file and the path of a bad value', () => {
    expect(bad('minPeriodMonths: 3', 'minPeriodMonths: three')).toThrow(
      /^x\.yaml: rules\.PENALTY\.severities\.MODERATE\.minPeriodMonths: /,
    );
    expect(bad("effectiveFrom: '2025-12-25'", "effectiveFrom: '2025-13-25'")).toThrow(
      /x\.yaml: effectiveFrom: expected a YYYY-MM-DD date/,
    );
    expect(
      bad(
        '\nmaterials: [APPLICATION_FORM, COMMITMENT_LETTER, FULFILMENT_PROOF]',
        '\nmaterials: [APPLICATION_FORM, COMMITMENT_LETTER, PAYMENT_RECEIPT]',
      ),
    ).toThrow(/x\.yaml: materials\.2: /);
  });

  it('rejects unknown keys, so a typo cannot silently drop a rule', () => {
    expect(bad('decideWithinWorkingDays: 5', 'decideWithinWorkingDay: 5')).toThrow(
      /rules\.ABNORMAL_LISTING/,
    );
  });

  it('rejects an end before the start', () => {
    expect(
      bad(
        "effectiveFrom: '2025-12-25'",
        "effectiveFrom: '2025-12-25'\neffectiveUntil: '2025-01-01'",
      ),
    ).toThrow(/effectiveUntil: is before effectiveFrom/);
  });

  it('reports invalid YAML with the file', () => {
    expect(() => parseRepairPolicy('id: [unclosed', 'y.yaml')).toThrow(/^y\.yaml: invalid YAML/);
    // Caught by hand to inspect `problems`, but never skippable: not throwing fails.
    const error = (() => {
      try {
        parseRepairPolicy('{}', 'z.yaml');
      } catch (e) {
        return e;
      }
      throw new Error('parseRepairPolicy accepted an empty policy');
    })();
    expect(error).toBeInstanceOf(RepairPolicyError);
    expect((error as RepairPolicyError).problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^id: /)]),
    );
  });

  it('names the file when loading a directory', () => {
    const dir = policyDir({
      'broken.yaml': text107.replace('acceptWithinWorkingDays: 2', 'acceptWithinWorkingDays: 0'),
    });
    expect(() => loadRepairPolicies(dir)).toThrow(/broken\.yaml: acceptWithinWorkingDays: /);
  });

  it('requires the id to match the file name', () => {
    const dir = policyDir({ 'copy.yaml': text107 });
    expect(() => loadRepairPolicies(dir)).toThrow(
      /copy\.yaml: id: '2025-samr-order-107' does not match the file name/,
    );
  });

  it('refuses overlapping or duplicate policies', () => {
    const open2021 = { ...P2021, effectiveUntil: undefined };
    expect(() => new RepairPolicyBook([open2021, P107])).toThrow(/overlap/);
    expect(() => new RepairPolicyBook([{ ...P2021, effectiveUntil: '2025-12-25' }, P107])).toThrow(
      /overlap/,
    );
    expect(() => new RepairPolicyBook([P107, { ...P107 }])).toThrow(/duplicate/);
    expect(new RepairPolicyBook([P107]).policyFor('2030-01-01')).toBe(P107);
  });
});
