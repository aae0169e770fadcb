import {
  isJurisdiction,
  isRegionCode6,
  jurisdictionWithin,
  normalizeJurisdiction,
  regionWithin,
} from './region-code';
import { usccRegion } from './uscc';

describe('region codes (GB/T 2260)', () => {
  it('recognises 6-digit enterprise region codes', () => {
    expect(isRegionCode6('330106')).toBe(true);
    expect(isRegionCode6('330000')).toBe(true);
    expect(isRegionCode6('3301')).toBe(false);
    expect(isRegionCode6('33010a')).toBe(false);
    expect(isRegionCode6('000000')).toBe(false);
    expect(isRegionCode6('3301060')).toBe(false);
  });

  it('recognises 2-, 4- and 6-digit jurisdictions', () => {
    for (const j of ['33', '3301', '330106', '330100']) expect(isJurisdiction(j)).toBe(true);
    for (const j of ['', '3', '330', '33010', '3301061', '00', 'ab']) {
      expect(isJurisdiction(j)).toBe(false);
    }
  });

  it('normalises padded jurisdictions to their shortest prefix', () => {
    expect(normalizeJurisdiction('330100')).toBe('3301');
    expect(normalizeJurisdiction('330000')).toBe('33');
    expect(normalizeJurisdiction('3300')).toBe('33');
    expect(normalizeJurisdiction('330106')).toBe('330106');
    expect(normalizeJurisdiction('33')).toBe('33');
    expect(() => normalizeJurisdiction('3')).toThrow(RangeError);
  });

  it('places an enterprise inside province, city and district jurisdictions', () => {
    expect(regionWithin('330106', '33')).toBe(true);
    expect(regionWithin('330106', '3301')).toBe(true);
    expect(regionWithin('330106', '330106')).toBe(true);
    expect(regionWithin('330106', '330100')).toBe(true);
    expect(regionWithin('330106', '330000')).toBe(true);
  });

  it('keeps enterprises outside other jurisdictions', () => {
    expect(regionWithin('330106', '330102')).toBe(false);
    expect(regionWithin('330106', '3302')).toBe(false);
    expect(regionWithin('330106', '32')).toBe(false);
    // A city-level registration is not inside one of the city's districts.
    expect(regionWithin('330100', '330106')).toBe(false);
    expect(regionWithin('330100', '3301')).toBe(true);
  });

  it('fails closed on malformed input', () => {
    expect(regionWithin('3301', '33')).toBe(false);
    expect(regionWithin('330106', '3')).toBe(false);
    expect(regionWithin('330106', '')).toBe(false);
  });

  it('works with the region digits of a USCC', () => {
    expect(regionWithin(usccRegion('92340602MA2PBMEM24'), '34')).toBe(true);
    expect(regionWithin(usccRegion('91440300568520498A'), '4403')).toBe(true);
    expect(regionWithin(usccRegion('91440300568520498A'), '440305')).toBe(false);
  });
});

describe('jurisdictionWithin', () => {
  it('compares normalised areas: padded and short spellings are the same area', () => {
    expect(jurisdictionWithin('3301', '330100')).toBe(true);
    expect(jurisdictionWithin('330100', '3301')).toBe(true);
    expect(jurisdictionWithin('330106', '330000')).toBe(true);
    expect(jurisdictionWithin('33', '3301')).toBe(false);
    expect(jurisdictionWithin('330110', '330111')).toBe(false);
    expect(jurisdictionWithin('3302', '3301')).toBe(false);
    expect(jurisdictionWithin('3301', '00')).toBe(false);
    expect(jurisdictionWithin('00', '00')).toBe(false);
  });
});
