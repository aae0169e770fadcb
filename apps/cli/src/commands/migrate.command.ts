import { AppConfig, migrate } from '@app/core';

export const migrateHelp = `migrate
  Creates the database if missing and applies pending migrations.`;

export async function migrateCommand(): Promise<void> {
  const config = AppConfig.fromEnvironment();
  const ran = await migrate(config);
  console.log(
    ran.length ? `applied ${ran.length} migration(s): ${ran.join(', ')}` : 'schema is up to date',
  );
}
