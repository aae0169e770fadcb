import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { StartRunDto } from '@app/reclassification';
import { CliError, parseOptions } from '../args';

export interface ReclassifyOptions {
  run: StartRunDto;
  follow: boolean;
}

/** DTO property → the flag that sets it, so a refusal names what the user typed. */
const FLAGS: Record<string, string> = {
  mode: '--mode',
  region: '--region',
  asOf: '--as-of',
  modelVersion: '--model',
  dryRun: '--dry-run',
};

/** The flags, validated by the same DTO as `POST /reclassifications`. */
export function parseReclassifyOptions(argv: string[]): ReclassifyOptions {
  const { values, positionals } = parseOptions(argv, {
    mode: { type: 'string' },
    region: { type: 'string' },
    'as-of': { type: 'string' },
    model: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    follow: { type: 'boolean', default: false },
  });
  if (positionals.length) throw new CliError(`unexpected argument '${positionals[0]}'`);
  const run = plainToInstance(StartRunDto, {
    mode: values.mode,
    region: values.region,
    asOf: values['as-of'],
    modelVersion: values.model,
    dryRun: values['dry-run'],
  });
  const problems = validateSync(run).map((e) => {
    const flag = FLAGS[e.property] ?? e.property;
    const why = Object.values(e.constraints ?? {})
      .map((m) => m.replace(new RegExp(`^${e.property}\\s`), ''))
      .join('; ');
    return `${flag}: ${why}`;
  });
  if (problems.length) throw new CliError(problems.join('\n  '));
  return { run, follow: values.follow };
}
