import { AppConfig, migrate } from '@app/core';
import { startApi } from '../../../api/src/main';
import { startWorker } from '../../../worker/src/main';

export const startHelp = `start
  Applies pending migrations (creating the database if missing), then serves the API and runs a worker
  in this one process. For separate processes use \`npm run start:api\` and \`npm run start:worker\`.`;

export async function startCommand(): Promise<void> {
  const config = AppConfig.fromEnvironment();
  const ran = await migrate(config);
  if (ran.length) console.log(`applied ${ran.length} migration(s): ${ran.join(', ')}`);
  await startWorker();
  // The API's start-up banner names every URL.
  await startApi();
}
