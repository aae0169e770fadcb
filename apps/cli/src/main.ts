import { EnvironmentError } from '@app/core';
import { CliError } from './args';
import { importCommand, importHelp } from './commands/import.command';
import { migrateCommand, migrateHelp } from './commands/migrate.command';
import { reclassifyCommand, reclassifyHelp } from './commands/reclassify.command';
import { seedCommand, seedHelp } from './commands/seed.command';
import { startCommand, startHelp } from './commands/start.command';
import { tokenCommand, tokenHelp } from './commands/token.command';

const COMMANDS: Record<string, { run: (argv: string[]) => unknown; help: string }> = {
  start: { run: startCommand, help: startHelp },
  migrate: { run: migrateCommand, help: migrateHelp },
  token: { run: tokenCommand, help: tokenHelp },
  import: { run: importCommand, help: importHelp },
  reclassify: { run: reclassifyCommand, help: reclassifyHelp },
  seed: { run: seedCommand, help: seedHelp },
};

function usage(): string {
  return `usage: npm run <command> -- [options]\n\n${Object.values(COMMANDS)
    .map((c) => c.help)
    .join('\n\n')}`;
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command || rest.includes('--help')) {
    console.log(usage());
    if (!command) process.exitCode = name && name !== '--help' ? 2 : 0;
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
