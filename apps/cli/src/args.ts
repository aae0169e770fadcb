import { parseArgs, ParseArgsConfig } from 'node:util';

/** Parses `--flag value` options, turning unknown flags into a clear message. */
export function parseOptions<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/** An error whose message is shown to the user as is, without a stack trace. */
export class CliError extends Error {}
