import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SingleBar } from 'cli-progress';
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { AppConfig, CoreModule, migrate } from '@app/core';
import {
  ImportModule,
  ImportProgress,
  ImportRunner,
  ImportRepository,
  ImportView,
  REJECTIONS_KEPT,
} from '@app/registry';
import { CliError, parseOptions } from '../args';

export const importHelp = `import <file.ndjson> [--show 1000]
  Imports an NDJSON file of enterprises, records and persons (format: docs/import.md) through the same
  code as POST /api/v1/imports, streaming it with a progress bar, then prints the rejected lines with
  their line numbers and reasons (at most --show of them). Exit status 1 when any line was rejected.`;

/** The import's services as the worker wires them: config, database and the registry's ImportModule. */
@Module({ imports: [CoreModule, ImportModule] })
class CliImportModule {}

export async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseOptions(argv, {
    show: { type: 'string', default: String(REJECTIONS_KEPT) },
  });
  if (positionals.length !== 1)
    throw new CliError('give exactly one file: npm run import -- data.ndjson');
  const show = Number(values.show);
  if (!Number.isInteger(show) || show < 0) throw new CliError('--show must be a whole number');
  const file = resolve(positionals[0]);
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : Promise.reject(new Error())),
    () => Promise.reject(new CliError(`${file} is not a readable file`)),
  );

  const config = AppConfig.fromEnvironment();
  await migrate(config);
  // The report below says it all; the service's info logs would tear the progress bar.
  const app = await NestFactory.createApplicationContext(CliImportModule, {
    logger: ['error', 'warn'],
  });
  const store = app.get(ImportRepository);
  const runner = app.get(ImportRunner);
  const id = await store.create({
    source: 'cli',
    filePath: file,
    bytesTotal: size,
    requestedBy: `cli:${userInfo().username}`,
  });
  const interrupted = () => {
    void store.fail(id, 'interrupted').finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  try {
    const started = Date.now();
    const bar = progressBar(size);
    let view: ImportView;
    try {
      view = await runner.run(id, (p) => bar?.update(p.bytesRead, payload(p, started)));
    } finally {
      bar?.stop();
    }
    await printReport(store, view, show, (Date.now() - started) / 1000);
    if (view.rejected > 0) process.exitCode = 1;
  } catch (err) {
    await store.fail(id, (err as Error).message);
    throw err;
  } finally {
    process.off('SIGINT', interrupted);
    await app.close();
  }
}

function progressBar(totalBytes: number): SingleBar | null {
  if (!process.stderr.isTTY) return null;
  const bar = new SingleBar({
    format:
      'importing [{bar}] {percentage}% | {lines} lines, {rejected} rejected | {rate} lines/s | ETA {eta_formatted}',
    etaBuffer: 50,
  });
  bar.start(totalBytes, 0, { lines: 0, rejected: 0, rate: 0 });
  return bar;
}

function payload(p: ImportProgress, started: number) {
  const seconds = (Date.now() - started) / 1000;
  return {
    lines: p.lines.toLocaleString('en'),
    rejected: p.rejected.toLocaleString('en'),
    rate: seconds > 0 ? Math.round(p.lines / seconds).toLocaleString('en') : 0,
  };
}

async function printReport(store: ImportRepository, v: ImportView, show: number, seconds: number) {
  const n = (x: number) => x.toLocaleString('en');
  console.log(
    `import ${v.id} ${v.status} in ${seconds.toFixed(1)} s: ${n(v.lines)} lines ` +
      `(${n(Math.round(v.lines / Math.max(seconds, 0.001)))} lines/s), ${n(v.accepted)} accepted, ${n(v.rejected)} rejected`,
  );
  console.log(
    `  enterprises ${n(v.enterprises)}, records ${n(v.records)} written and ${n(v.recordsSkipped)} ` +
      `already on file, person links ${n(v.persons)}; ${n(v.inputsChanged)} enterprises marked for re-scoring`,
  );
  if (v.rejected === 0 || show === 0) return;
  console.log('rejected lines:');
  let printed = 0;
  for (let page = 1; printed < show; page++) {
    const { items } = await store.rejections(v.id, page, 500);
    for (const r of items.slice(0, show - printed)) console.log(`  line ${r.line}: ${r.reason}`);
    printed += Math.min(items.length, show - printed);
    if (items.length < 500) break;
  }
  if (v.rejected > printed)
    console.log(
      `  … and ${n(v.rejected - printed)} more` +
        (v.rejected > REJECTIONS_KEPT ? ` (the first ${n(REJECTIONS_KEPT)} are kept)` : ''),
    );
}
