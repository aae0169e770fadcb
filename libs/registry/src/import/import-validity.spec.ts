import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ClassConstructor } from 'class-transformer';
import fc from 'fast-check';
import { usccCheckCharacter, ValidityCheck } from '@app/core';
import { EnterpriseLineDto } from './dto/enterprise-line.dto';
import { PersonsLineDto } from './dto/persons-line.dto';
import { RecordLineDto } from './dto/record-line.dto';

/**
 * The import skips class-validator for lines the ValidityCheck calls valid, so
 * the check must never accept what class-validator refuses; and it must accept
 * what class-validator accepts, or the fast path would be dead. Compared on
 * valid lines of every shape with up to three random edits each (a field
 * removed, replaced by another JSON value, or added), through the DTOs the
 * import really uses.
 */
const first17 = '91330106MA2B3C4D5';
const USCC = first17 + usccCheckCharacter(first17);
const RECORDS = [
  {
    kind: 'PENALTY',
    occurredOn: '2026-03-01',
    severity: 'MODERATE',
    amount: '20000.00',
    violationType: '虚假宣传',
    documentNo: '杭西市监处罚〔2026〕12号',
    reference: 'SRC-1',
  },
  { kind: 'INSPECTION', occurredOn: '2025-11-20', result: 'PASS' },
  { kind: 'TAX_RATING', occurredOn: '2025-04-15', year: 2024, rating: 'A' },
  { kind: 'ABNORMAL_LISTING', occurredOn: '2025-01-02', reason: '通过登记的住所无法联系' },
  { kind: 'HONOR', occurredOn: '2025-01-02', title: '守合同重信用', authorityRegion: '330100' },
];
const PERSON = { idHash: 'a'.repeat(64), name: '王建国', role: 'LEGAL_REPRESENTATIVE' };
const ENTERPRISE = {
  name: '杭州西湖明辉贸易有限公司',
  regionCode: '330106',
  industryCode: 'F5191',
  type: '有限责任公司',
  registeredCapital: '5000000.00',
  establishedOn: '2015-03-12',
  status: 'ACTIVE',
};
const LINE_TYPES: Record<string, ClassConstructor<object>> = {
  enterprise: EnterpriseLineDto,
  record: RecordLineDto,
  persons: PersonsLineDto,
};
const FIELDS = [
  ...new Set([
    ...RECORDS.flatMap((r) => Object.keys(r)),
    ...Object.keys(ENTERPRISE),
    ...Object.keys(PERSON),
    'restrictive',
    'restrictionEndsOn',
    'field',
    'relatedRecordId',
    'records',
    'persons',
    'bogus',
  ]),
];
const VALUES = fc.oneof(
  fc.constantFrom(null, true, 0, 1, 2024, -3, 1.5, '', 'x', [], {}, 'x'.repeat(101)),
  fc.constantFrom('2025-02-30', '2025-02-28', '20000.00', '-1', '1e3', '330106', 'A', 'MINOR'),
  fc.constantFrom(...RECORDS.map((r) => r.kind), 'REVOKED', 'CANCELLED', 'enterprise'),
  fc.constantFrom({ ...PERSON }, [{ ...PERSON }], [{ ...RECORDS[1] }], { ...RECORDS[2] }),
);

const baseLine = fc.oneof(
  fc
    .record({
      records: fc.subarray(RECORDS),
      persons: fc.option(fc.subarray([PERSON]), { nil: undefined }),
    })
    .map(({ records, persons }) => ({
      type: 'enterprise',
      uscc: USCC.toLowerCase(),
      enterprise: { ...ENTERPRISE },
      records: records.map((r) => ({ ...r })),
      ...(persons ? { persons: persons.map((p) => ({ ...p })) } : {}),
    })),
  fc.constantFrom(...RECORDS).map((r) => ({ type: 'record', uscc: USCC, record: { ...r } })),
  fc.constant({ type: 'persons', uscc: USCC, persons: [{ ...PERSON }] }),
);

type Json = Record<string, unknown> | unknown[];
interface Edit {
  at: number;
  op: 'remove' | 'replace' | 'add';
  field: string;
  value: unknown;
}
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<Edit['op'][]>('remove', 'replace', 'add'),
  field: fc.constantFrom(...FIELDS),
  value: VALUES,
});

/** Every object and array in the line, the line itself included. */
function containers(v: unknown, into: Json[] = []): Json[] {
  if (v !== null && typeof v === 'object') {
    into.push(v as Json);
    for (const child of Object.values(v)) containers(child, into);
  }
  return into;
}

function apply(line: Record<string, unknown>, edits: Edit[]) {
  for (const e of edits) {
    const all = containers(line);
    const target = all[e.at % all.length];
    const keys = Object.keys(target);
    const key = e.op === 'add' || keys.length === 0 ? e.field : keys[e.at % keys.length];
    if (e.op === 'remove' && !Array.isArray(target))
      delete (target as Record<string, unknown>)[key];
    else (target as Record<string, unknown>)[key] = structuredClone(e.value);
  }
  return line;
}

describe('ValidityCheck on import lines', () => {
  it('agrees with class-validator on valid lines and on lines with random edits', async () => {
    const check = new ValidityCheck();
    const seen = { valid: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(baseLine, fc.array(edit, { maxLength: 3 }), async (line, edits) => {
        const plain = apply(line, edits);
        const cls = LINE_TYPES[String(plain.type)] ?? EnterpriseLineDto;
        const dto = plainToInstance(cls, plain, { enableImplicitConversion: false });
        const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
        seen[errors.length === 0 ? 'valid' : 'invalid']++;
        expect(check.isValid(dto)).toBe(errors.length === 0);
      }),
      { numRuns: 3000, seed: 22 },
    );
    // Both sides of the comparison were exercised, not just one.
    expect(seen.valid).toBeGreaterThan(300);
    expect(seen.invalid).toBeGreaterThan(300);
  });
});
