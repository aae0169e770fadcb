import { csvField, planCsv, UTF8_BOM } from './plan-csv';
import { PlanItem } from './inspection-plan.repository';

const item = (position: number, name: string): PlanItem => ({
  position,
  enterpriseId: position,
  uscc: '91330106MA2B3C4D5E',
  name,
  regionCode: '330106',
  tier: 'D',
  inspectors: [
    { id: 1, name: '王建国' },
    { id: 2, name: '李, "四"' },
  ],
});

async function* from<T>(xs: T[]) {
  yield* xs;
}

describe('plan CSV', () => {
  it('quotes commas, quotes and line breaks; neutralises formulas', () => {
    expect(csvField('杭州明辉')).toBe('杭州明辉');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\ny')).toBe('"x\ny"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField(-1)).toBe('-1');
  });

  it('starts with a BOM and the header, then one CRLF line per item, across chunks', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => item(i + 1, `企业${i + 1}`));
    let text = '';
    for await (const chunk of planCsv(from(items))) text += chunk;
    expect(text.startsWith(UTF8_BOM + 'position,uscc,name,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(2502); // header, 2500 items, trailing empty
    expect(lines[1]).toBe('1,91330106MA2B3C4D5E,企业1,330106,D,1,王建国,2,"李, ""四"""');
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
