import { join } from 'node:path';
import { loadModelFile } from './model-loader';
import { publicityEndsOn } from './prepare-records';
import type { CreditRecordInput } from './profile';

const model = loadModelFile(join(__dirname, '../../../config/models/samr-general-v1.yaml'));
const penalty = (over: Partial<CreditRecordInput>): CreditRecordInput =>
  ({
    id: 1,
    kind: 'PENALTY',
    occurredOn: '2026-03-01',
    status: 'ACTIVE',
    severity: 'MINOR',
    ...over,
  }) as CreditRecordInput;

describe('publicityEndsOn: when a record stops being published by itself', () => {
  it('ends a penalty after its severity window: 3, 12, 36 months', () => {
    expect(publicityEndsOn(penalty({ severity: 'MINOR' }), model)).toBe('2026-06-01');
    expect(publicityEndsOn(penalty({ severity: 'MODERATE' }), model)).toBe('2027-03-01');
    expect(publicityEndsOn(penalty({ severity: 'SERIOUS' }), model)).toBe('2029-03-01');
  });

  it('clamps to the end of a shorter month, as the evaluation does', () => {
    expect(publicityEndsOn(penalty({ occurredOn: '2025-11-30' }), model)).toBe('2026-02-28');
  });

  it('runs a restrictive penalty for the longer of its severity window and its restriction', () => {
    // SERIOUS with a 6-month 停产停业: 36 months, not 6.
    const short = penalty({
      severity: 'SERIOUS',
      restrictive: true,
      restrictionEndsOn: '2026-09-30',
    });
    expect(publicityEndsOn(short, model)).toBe('2029-03-01');
    // MODERATE with a 5-year 限制从业: 5 years, to the day after the restriction ends.
    const long = penalty({
      severity: 'MODERATE',
      restrictive: true,
      restrictionEndsOn: '2031-02-28',
    });
    expect(publicityEndsOn(long, model)).toBe('2031-03-01');
  });

  it('has no end of its own for a listing only a decision removes, or kinds without a window', () => {
    expect(
      publicityEndsOn({ ...penalty({}), kind: 'ABNORMAL_LISTING' } as CreditRecordInput, model),
    ).toBeNull();
    expect(
      publicityEndsOn({ ...penalty({}), kind: 'HONOR' } as CreditRecordInput, model),
    ).toBeNull();
    expect(
      publicityEndsOn(
        { ...penalty({}), kind: 'SERIOUS_DISHONESTY_LISTING' } as CreditRecordInput,
        model,
      ),
    ).toBe('2029-03-01');
  });
});
