import {
  AppConfig,
  Caller,
  isJurisdiction,
  isValidUscc,
  normalizeUscc,
  TokenService,
} from '@app/core';
import { CliError, parseOptions } from '../args';

export const tokenHelp = `token --role admin|regulator|enterprise [--region 3301] [--uscc 9133...] [--sub name] [--hours 8]
  Prints a bearer token signed with JWT_SECRET (the development secret when NODE_ENV=development).`;

export function tokenCommand(argv: string[]): void {
  const { values } = parseOptions(argv, {
    role: { type: 'string' },
    region: { type: 'string' },
    uscc: { type: 'string' },
    sub: { type: 'string' },
    hours: { type: 'string', default: '8' },
  });
  const role = values.role;
  let caller: Caller;
  if (role === 'regulator') {
    if (!values.region || !isJurisdiction(values.region)) {
      throw new CliError(
        'a regulator token needs --region with 2, 4 or 6 digits, e.g. --region 3301',
      );
    }
    caller = { sub: values.sub ?? `regulator-${values.region}`, role, region: values.region };
  } else if (role === 'enterprise') {
    if (!values.uscc || !isValidUscc(values.uscc)) {
      throw new CliError(
        'an enterprise token needs --uscc with a valid unified social credit code',
      );
    }
    const uscc = normalizeUscc(values.uscc);
    caller = { sub: values.sub ?? `enterprise-${uscc}`, role, uscc };
  } else if (role === 'admin') {
    caller = { sub: values.sub ?? 'admin', role };
  } else {
    throw new CliError('--role must be admin, regulator or enterprise');
  }
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
    throw new CliError('--hours must be between 0 and 720');
  const config = AppConfig.fromEnvironment();
  if (config.usesDevelopmentSecret)
    console.error('warning: signed with the development secret (NODE_ENV=development)');
  process.stdout.write(new TokenService(config).sign(caller, Math.round(hours * 3600)) + '\n');
}
