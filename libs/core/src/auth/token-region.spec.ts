import { UnauthorizedException } from '@nestjs/common';
import { toCaller } from './token.service';

const names = { role: 'role', region: 'region', uscc: 'uscc' };
const regulator = (region: unknown) => () =>
  toCaller({ sub: 'r', role: 'regulator', region }, names);

describe('TokenService: regulator region', () => {
  it.each([
    ['33', '33'],
    ['3301', '3301'],
    ['330106', '330106'],
    ['330100', '3301'],
    ['330000', '33'],
    ['3300', '33'],
  ])('accepts %s and normalises it to %s', (claim, region) => {
    expect(regulator(claim)()).toEqual({ sub: 'r', role: 'regulator', region });
  });

  it.each(['00', '0000', '000000', '3', '331', '33010', '3301061', '330106001', 'ab', '33 01', ''])(
    'refuses region %j with a message naming the rule',
    (claim) => {
      expect(regulator(claim)).toThrow(
        new UnauthorizedException(
          'regulator token region must be an administrative division code of 2, 4 or 6 digits, not 00',
        ),
      );
    },
  );

  it('refuses a regulator token without a string region', () => {
    expect(regulator(3301)).toThrow(UnauthorizedException);
    expect(regulator(undefined)).toThrow(UnauthorizedException);
  });
});
