import { NotFoundException } from '@nestjs/common';
import { Caller } from './caller';
import {
  assertCanSeeEnterprise,
  canSeeEnterprise,
  canSeeRegion,
  effectiveRegion,
  regionLikePattern,
} from './jurisdiction';

const regulator = (region: string): Caller => ({ sub: 'r', role: 'regulator', region });
const admin: Caller = { sub: 'a', role: 'admin' };
const enterprise: Caller = { sub: 'e', role: 'enterprise', uscc: '91330106MA27XYZ12A' };
const at = (regionCode: string) => ({ uscc: '91330106MA27XYZ12A', regionCode });

describe('canSeeEnterprise', () => {
  it('lets a regulator see enterprises inside its jurisdiction, at every level', () => {
    for (const region of ['33', '3301', '330106']) {
      expect(canSeeEnterprise(regulator(region), at('330106'))).toBe(true);
    }
  });

  it('treats the padded form as its prefix (330100 = 3301, 330000 = 33)', () => {
    expect(canSeeEnterprise(regulator('330100'), at('330106'))).toBe(true);
    expect(canSeeEnterprise(regulator('330000'), at('330106'))).toBe(true);
    expect(canSeeEnterprise(regulator('330000'), at('340106'))).toBe(false);
    expect(canSeeEnterprise(regulator('330100'), at('330206'))).toBe(false);
  });

  it('hides enterprises of sibling and neighbouring prefixes', () => {
    expect(canSeeEnterprise(regulator('3301'), at('330206'))).toBe(false);
    expect(canSeeEnterprise(regulator('330106'), at('330105'))).toBe(false);
    expect(canSeeEnterprise(regulator('33'), at('320106'))).toBe(false);
    // '3301' must not match '33011x' by accident of string length: 330110 is inside 3301,
    // 330110 is not inside the district 330111.
    expect(canSeeEnterprise(regulator('3301'), at('330110'))).toBe(true);
    expect(canSeeEnterprise(regulator('330111'), at('330110'))).toBe(false);
  });

  it('hides a wider area from a narrower jurisdiction (child cannot see parent)', () => {
    expect(canSeeEnterprise(regulator('330106'), at('330100'))).toBe(false);
  });

  it('fails closed on invalid or missing regions', () => {
    expect(canSeeEnterprise(regulator('00'), at('000000'))).toBe(false);
    expect(canSeeEnterprise(regulator(''), at('330106'))).toBe(false);
    expect(canSeeEnterprise({ sub: 'r', role: 'regulator' }, at('330106'))).toBe(false);
    expect(canSeeEnterprise(regulator('33'), at('33'))).toBe(false);
    expect(canSeeEnterprise(regulator('33'), at('33abcd'))).toBe(false);
  });

  it('lets admins see everything and an enterprise only itself', () => {
    expect(canSeeEnterprise(admin, at('110101'))).toBe(true);
    expect(canSeeEnterprise(enterprise, at('330106'))).toBe(true);
    expect(canSeeEnterprise(enterprise, { uscc: '91110101MA01ABCD2X', regionCode: '330106' })).toBe(
      false,
    );
  });

  it('assertCanSeeEnterprise throws 404 outside, returns inside', () => {
    expect(() => assertCanSeeEnterprise(regulator('3302'), at('330106'), 'X')).toThrow(
      new NotFoundException('enterprise X not found'),
    );
    expect(() => assertCanSeeEnterprise(regulator('3301'), null, 'X')).toThrow(NotFoundException);
    expect(() => assertCanSeeEnterprise(regulator('330100'), at('330106'), 'X')).not.toThrow();
  });
});

describe('canSeeRegion', () => {
  it('shows a region inside the jurisdiction, in either spelling', () => {
    expect(canSeeRegion(regulator('3301'), '330106')).toBe(true);
    expect(canSeeRegion(regulator('330100'), '3301')).toBe(true);
    expect(canSeeRegion(regulator('3301'), '330100')).toBe(true);
    expect(canSeeRegion(regulator('33'), '330000')).toBe(true);
  });

  it('hides wider and sibling regions, and everything from enterprises', () => {
    expect(canSeeRegion(regulator('3301'), '33')).toBe(false);
    expect(canSeeRegion(regulator('3301'), '330000')).toBe(false);
    expect(canSeeRegion(regulator('3301'), '3302')).toBe(false);
    expect(canSeeRegion(regulator('330106'), '330100')).toBe(false);
    expect(canSeeRegion(regulator('00'), '000000')).toBe(false);
    expect(canSeeRegion(enterprise, '330106')).toBe(false);
    expect(canSeeRegion(admin, '11')).toBe(true);
  });
});

describe('effectiveRegion', () => {
  it("is the caller's own normalised jurisdiction without a filter", () => {
    expect(effectiveRegion(regulator('3301'))).toBe('3301');
    expect(effectiveRegion(regulator('330100'))).toBe('3301');
    expect(effectiveRegion(regulator('330000'))).toBe('33');
    expect(effectiveRegion(admin)).toBe('');
  });

  it('narrows to a filter inside the jurisdiction, normalising it', () => {
    expect(effectiveRegion(regulator('33'), '3301')).toBe('3301');
    expect(effectiveRegion(regulator('33'), '330100')).toBe('3301');
    expect(effectiveRegion(regulator('330100'), '330106')).toBe('330106');
    expect(effectiveRegion(admin, '330000')).toBe('33');
  });

  it('never widens: a wider filter keeps the own jurisdiction, a sibling one sees nothing', () => {
    expect(effectiveRegion(regulator('3301'), '33')).toBe('3301');
    expect(effectiveRegion(regulator('330106'), '330100')).toBe('330106');
    expect(effectiveRegion(regulator('3301'), '3302')).toBeNull();
    expect(effectiveRegion(regulator('3301'), '330206')).toBeNull();
    expect(effectiveRegion(regulator('330111'), '330110')).toBeNull();
  });

  it('never widens for any pair of jurisdictions: the result lies inside both', () => {
    const codes = ['33', '34', '3301', '3302', '330100', '330106', '330110', '330111', '340000'];
    for (const own of codes) {
      for (const filter of [undefined, ...codes]) {
        const r = effectiveRegion(regulator(own), filter);
        if (r === null) continue;
        expect(canSeeRegion(regulator(own), r)).toBe(true);
        if (filter) expect(r.length).toBeGreaterThanOrEqual(effectiveRegion(admin, filter)!.length);
      }
    }
  });

  it('fails closed on invalid regions and for enterprises', () => {
    expect(effectiveRegion(regulator('00'))).toBeNull();
    expect(effectiveRegion(regulator(''))).toBeNull();
    expect(effectiveRegion({ sub: 'r', role: 'regulator' })).toBeNull();
    expect(effectiveRegion(regulator('3301'), '00')).toBeNull();
    expect(effectiveRegion(regulator('3301'), '33010')).toBeNull();
    expect(effectiveRegion(enterprise)).toBeNull();
  });
});

describe('regionLikePattern', () => {
  it('is the normalised prefix followed by %, and refuses anything else', () => {
    expect(regionLikePattern('3301')).toBe('3301%');
    expect(regionLikePattern('')).toBe('%');
    expect(() => regionLikePattern("33' OR 1=1 --")).toThrow(RangeError);
    expect(() => regionLikePattern('00')).toThrow(RangeError);
  });
});
