import { usccCheckCharacter } from '@app/core';
import { ImportLineParser } from './import-line-parser.service';

const first17 = `91330106${'MA2B3C4D5'}`;
const USCC = first17 + usccCheckCharacter(first17);
const ENTERPRISE = {
  name: '杭州西湖明辉贸易有限公司',
  regionCode: '330106',
  industryCode: 'F5191',
  type: '有限责任公司',
  registeredCapital: '5000000.00',
  establishedOn: '2015-03-12',
  status: 'ACTIVE',
};
const parse = (o: unknown, no = 1) =>
  new ImportLineParser().parse({
    no,
    text: typeof o === 'string' ? o : JSON.stringify(o),
    end: 0,
  });
const reason = async (o: unknown) => {
  const p = await parse(o);
  return 'rejection' in p ? p.rejection.reason : undefined;
};

describe('ImportLineParser', () => {
  it('turns the three line types into items, normalising the USCC', async () => {
    const e = await parse({ type: 'enterprise', uscc: USCC.toLowerCase(), enterprise: ENTERPRISE });
    expect(e).toMatchObject({ item: { kind: 'enterprise', uscc: USCC, records: [], line: 1 } });
    expect('item' in e && e.item.kind === 'enterprise' && e.item.persons).toBeUndefined();
    const r = await parse({
      type: 'record',
      uscc: USCC,
      record: { kind: 'TAX_RATING', occurredOn: '2025-04-15', year: 2024, rating: 'A' },
    });
    expect(r).toMatchObject({
      item: { kind: 'record', record: { kind: 'TAX_RATING', year: 2024 } },
    });
    const p = await parse({ type: 'persons', uscc: USCC, persons: [] });
    expect(p).toMatchObject({ item: { kind: 'persons', persons: [] } });
  });

  it('applies the single-item DTO rules, naming each bad field by its path', async () => {
    expect(
      await reason({
        type: 'enterprise',
        uscc: USCC,
        enterprise: { ...ENTERPRISE, regionCode: '33' },
        records: [{ kind: 'HONOR', occurredOn: '2025-02-30', title: 'x' }],
      }),
    ).toBe(
      'enterprise.regionCode: regionCode must be 6 digits; records.0.occurredOn: occurredOn must be a date YYYY-MM-DD',
    );
    expect(
      await reason({
        type: 'record',
        uscc: USCC,
        record: { kind: 'COMPLAINT', occurredOn: '2026-01-01', title: 'x' },
      }),
    ).toBe('record.title: title is not allowed for kind COMPLAINT');
    expect(
      await reason({
        type: 'persons',
        uscc: USCC,
        persons: [{ idHash: 'x', name: 'a', role: 'CEO' }],
      }),
    ).toMatch(
      /^persons\.0\.idHash: idHash must be 64 lower-case hex characters; persons\.0\.role: role must be one of/,
    );
    expect(await reason({ type: 'enterprise', uscc: USCC })).toMatch(
      /^enterprise: enterprise must be an object/,
    );
  });

  it('refuses unknown types, non-objects, and keys that could subvert validation', async () => {
    expect(await reason({ type: 'shareholder', uscc: USCC })).toBe(
      'type must be one of enterprise, record, persons',
    );
    expect(await reason('"just a string"')).toBe('a line must be a JSON object');
    expect(await reason('null')).toBe('a line must be a JSON object');
    expect(
      await reason(`{"type":"enterprise","uscc":"${USCC}","enterprise":{},"__proto__":{"x":1}}`),
    ).toBe('field __proto__ is not allowed');
    // class-transformer drops a `constructor` key (as in the API's pipe): never a way around the rules.
    expect(
      await reason({
        type: 'enterprise',
        uscc: USCC,
        constructor: {},
        enterprise: { ...ENTERPRISE, regionCode: 'xx', constructor: {} },
      }),
    ).toBe('enterprise.regionCode: regionCode must be 6 digits');
  });
});
