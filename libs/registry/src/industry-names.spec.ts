import { AppConfig } from '@app/core';
import { join } from 'node:path';
import { IndustryCatalog, parseIndustries } from './industry-names';

const catalog = new IndustryCatalog({ configDir: join(__dirname, '../../../config') } as AppConfig);

describe('industry names (GB/T 4754-2017 as data)', () => {
  it.each([
    ['F5191', 'F', '批发和零售业', '批发业'],
    ['H6210', 'H', '住宿和餐饮业', '餐饮业'],
    ['C1391', 'C', '制造业', '农副食品加工业'],
    ['I6510', 'I', '信息传输、软件和信息技术服务业', '软件和信息技术服务业'],
  ])('%s is %s %s / %s', (code, section, sectionZh, division) => {
    expect(catalog.name(code)).toMatchObject({
      section,
      sectionName: { zh: sectionZh },
      divisionName: division,
    });
  });

  it('names only the section when the division does not belong to it, and nothing for no section', () => {
    expect(catalog.name('F6210')).toMatchObject({
      section: 'F',
      division: null,
      divisionName: null,
    });
    expect(catalog.name('Z1234')).toBeNull();
    expect(catalog.name('')).toBeNull();
  });

  it('has every division 01–97 named', () => {
    for (let d = 1; d <= 97; d++) {
      const code = String(d).padStart(2, '0');
      const section = 'ABCDEFGHIJKLMNOPQRST'
        .split('')
        .find((s) => catalog.name(`${s}${code}`)?.division === code);
      expect([code, section]).toEqual([code, expect.any(String)]);
    }
  });

  it('refuses a malformed file, naming the file and the field', () => {
    expect(() =>
      parseIndustries('standard: x\nsections: {}\ndivisions: { "1": y }', 'bad.yaml'),
    ).toThrow(/^bad\.yaml: divisions/);
  });
});
