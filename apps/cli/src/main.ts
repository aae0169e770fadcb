import { EnvironmentError } from '@app/core';
import { CliError } from './args';

type Command = { run: (argv: string[]) => unknown; help: string };

/**
 * Each command is loaded when it is run, not all at start-up: `token` must not
 * load the API (and its OpenID provider) only to print a token in well under a second.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => {
    const m = await import('./commands/start.command');
    return { run: m.startCommand, help: m.startHelp };
  },
  migrate: async () => {
    const m = await import('./commands/migrate.command');
    return { run: m.migrateCommand, help: m.migrateHelp };
  },
  token: async () => {
    const m = await import('./commands/token.command');
    return { run: m.tokenCommand, help: m.tokenHelp };
  },
  import: async () => {
    const m = await import('./commands/import.command');
    return { run: m.importCommand, help: m.importHelp };
  },
  reclassify: async () => {
    const m = await import('./commands/reclassify.command');
    return { run: m.reclassifyCommand, help: m.reclassifyHelp };
  },
  seed: async () => {
    const m = await import('./commands/seed.command');
    return { run: m.seedCommand, help: m.seedHelp };
  },
};

async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return `usage: npm run <command> -- [options]\n\n${commands.map((c) => c.help).join('\n\n')}`;
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const load = name ? COMMANDS[name] : undefined;
  const command = load && !rest.includes('--help') ? await load() : undefined;
  if (!command) {
    console.log(load ? (await load()).help : await usage());
    if (!load) process.exitCode = name && name !== '--help' ? 2 : 0;
    return;
  }
  await command.run(rest);
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof CliError || err instanceof EnvironmentError) {
    console.error(`error: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
