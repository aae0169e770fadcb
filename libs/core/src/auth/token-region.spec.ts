import { UnauthorizedException } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TokenService } from './token.service';

const config = AppConfig.fromEnvironment({
  NODE_ENV: 'test',
  JWT_SECRET: 'unit-secret-0123456789-0123456789-abcdef',
});
const tokens = new TokenService(config);
const regulator = (region: unknown) =>
  tokens.sign({ sub: 'r', role: 'regulator', region } as { sub: string; role: 'regulator' });

describe('TokenService: regulator region', () => {
  it.each([
    ['33', '33'],
    ['3301', '3301'],
    ['330106', '330106'],
    ['330100', '3301'],
    ['330000', '33'],
    ['3300', '33'],
  ])('accepts %s and normalises it to %s', (claim, region) => {
    expect(tokens.verify(regulator(claim))).toEqual({ sub: 'r', role: 'regulator', region });
  });

  it.each(['00', '0000', '000000', '3', '331', '33010', '3301061', '330106001', 'ab', '33 01', ''])(
    'refuses region %j with a message naming the rule',
    (claim) => {
      expect(() => tokens.verify(regulator(claim))).toThrow(
        new UnauthorizedException(
          'regulator token region must be an administrative division code of 2, 4 or 6 digits, not 00',
        ),
      );
    },
  );

  it('refuses a regulator token without a string region', () => {
    expect(() => tokens.verify(regulator(3301))).toThrow(UnauthorizedException);
    expect(() => tokens.verify(regulator(undefined))).toThrow(UnauthorizedException);
  });
});
