/**
 * Inspection-plan draw over 1,000,000 enterprises with current tiers, through
 * the service code path (InspectionPlanDrawer in a Nest application context),
 * against a floor: a plain streamed SELECT of the same rows with no drawing.
 *
 *   node --require ./bench/register.js bench/supervision/draw-plan.ts \
 *     [--enterprises 1000000] [--runs 3] [--region 33] [--reseed]
 *
 * Uses a throwaway database (default crs_bench_supervision; DATABASE_URL
 * overrides), seeded once by SQL and reused by later runs. See README.md.
 */
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { createConnection, Connection } from 'mysql2/promise';
import { createConnection as createStreamingConnection } from 'mysql2';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const ENTERPRISES = Number(option('enterprises', '1000000'));
const RUNS = Number(option('runs', '3'));
const REGION = option('region', '33');
const RESEED = process.argv.includes('--reseed');
const BUFFER_POOL = 4294967296;
/** One enterprise in CANCELLED_EVERY is CANCELLED (no current row): the filter has work to do. */
const CANCELLED_EVERY = 101;
const CHUNK = 10_000;

process.env.NODE_ENV ??= 'development';
process.env.DATABASE_URL ??= 'mysql://root:@127.0.0.1:3306/crs_bench_supervision';
process.env.REDIS_PREFIX ??= 'crs-bench-supervision';
process.env.LOG_LEVEL ??= 'warn';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

async function setBufferPool(conn: Connection): Promise<void> {
  const [[before]] = (await conn.query('SELECT @@innodb_buffer_pool_size AS v')) as never as [
    [{ v: number }],
  ];
  await conn.query(`SET GLOBAL innodb_buffer_pool_size = ${BUFFER_POOL}`);
  // The resize runs in the background; wait until the server reports the new size.
  let after = 0;
  for (let i = 0; i < 600 && after !== BUFFER_POOL; i++) {
    const [[row]] = (await conn.query('SELECT @@innodb_buffer_pool_size AS v')) as never as [
      [{ v: number }],
    ];
    after = Number(row.v);
    if (after !== BUFFER_POOL) await new Promise((r) => setTimeout(r, 100));
  }
  console.log(
    `SET GLOBAL innodb_buffer_pool_size = ${BUFFER_POOL}: ${mb(Number(before.v))} -> ${mb(after)}`,
  );
}

/** enterprises + current_assessments by INSERT … SELECT over a 0..9999 sequence, 10,000 rows a statement. */
async function seed(conn: Connection): Promise<void> {
  const started = process.hrtime.bigint();
  await conn.query('SET FOREIGN_KEY_CHECKS = 0');
  for (const table of [
    'inspection_plan_items',
    'inspection_plans',
    'inspector_conflicts',
    'inspectors',
    'current_assessments',
    'assessments',
    'credit_records',
    'enterprise_persons',
    'enterprises',
  ]) {
    await conn.query(`TRUNCATE TABLE ${table}`);
  }
  await conn.query('SET FOREIGN_KEY_CHECKS = 1');
  await conn.query('DROP TABLE IF EXISTS bench_seq');
  await conn.query('CREATE TABLE bench_seq (n INT PRIMARY KEY)');
  await conn.query(
    `INSERT INTO bench_seq (n)
     SELECT a.d + 10 * b.d + 100 * c.d + 1000 * d.d FROM
       (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a,
       (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b,
       (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c,
       (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
        UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) d`,
  );
  // Enough rows that exactly ENTERPRISES of them are not CANCELLED.
  const total = ENTERPRISES + Math.floor(ENTERPRISES / (CANCELLED_EVERY - 1));
  for (let from = 0; from < total; from += CHUNK) {
    // Zhejiang: 11 cities × 9 districts. USCC-shaped (the check character is not computed).
    await conn.query(
      `INSERT INTO enterprises (id, uscc, name, region_code, industry_code, type,
         registered_capital, established_on, status, inputs_changed_at)
       SELECT x.n + 1, CONCAT('91', x.region, LPAD(x.n, 9, '0'), '0'),
              CONCAT('基准测试企业', x.n, '有限公司'), x.region, 'F5191', '有限责任公司',
              5000000.00, '2015-03-12',
              CASE WHEN x.n % ${CANCELLED_EVERY} = ${CANCELLED_EVERY - 1} THEN 'CANCELLED'
                   WHEN x.n % 97 = 0 THEN 'REVOKED' ELSE 'ACTIVE' END,
              NOW(3)
         FROM (SELECT s.n + ? AS n,
                      CONCAT('33', LPAD(1 + (s.n + ?) % 11, 2, '0'),
                             LPAD(1 + FLOOR((s.n + ?) / 11) % 9, 2, '0')) AS region
                 FROM bench_seq s WHERE s.n + ? < ?) x`,
      [from, from, from, from, total],
    );
    // Tiers near the published Dandong distribution: A 65%, B 25%, C 7.7%, D 2.3%.
    await conn.query(
      `INSERT INTO current_assessments (enterprise_id, region_code, tier, score, model_version,
         model_hash, as_of, next_review_on, fingerprint, factors, vetoes, assessed_at)
       SELECT e.id, e.region_code, t.tier,
              CASE t.tier WHEN 'A' THEN 740 WHEN 'B' THEN 650 WHEN 'C' THEN 500 ELSE 300 END,
              'samr-general-v1', REPEAT('0', 64), '2026-06-15', NULL, REPEAT('0', 40),
              '[]', '[]', NOW(3)
         FROM enterprises e
         JOIN (SELECT id, CASE WHEN status = 'REVOKED' THEN 'D'
                                WHEN (id * 2654435761) % 1000 < 650 THEN 'A'
                                WHEN (id * 2654435761) % 1000 < 900 THEN 'B'
                                WHEN (id * 2654435761) % 1000 < 977 THEN 'C' ELSE 'D' END AS tier
                 FROM enterprises WHERE id > ? AND id <= ?) t ON t.id = e.id
        WHERE e.status <> 'CANCELLED'`,
      [from, from + CHUNK],
    );
    if ((from / CHUNK) % 20 === 0) process.stdout.write(`  seeded ${fmt(from + CHUNK)}\r`);
  }
  await conn.query('DROP TABLE bench_seq');
  console.log(`seeded ${fmt(total)} enterprises by SQL in ${seconds(started).toFixed(1)} s`);
}

/** 40 inspectors for the province and 500 declared conflicts, as a province pool might have. */
async function seedInspectors(conn: Connection): Promise<void> {
  const [[{ n }]] = (await conn.query('SELECT COUNT(*) AS n FROM inspectors')) as never as [
    [{ n: number }],
  ];
  if (Number(n) > 0) return;
  const inspectors = Array.from({ length: 40 }, (_, i) => [REGION, `检查员${i + 1}`, 1]);
  await conn.query('INSERT INTO inspectors (region_code, name, active) VALUES ?', [inspectors]);
  await conn.query(
    `INSERT INTO inspector_conflicts (inspector_id, uscc, reason)
     SELECT 1 + (e.id % 40), e.uscc, '亲属任职' FROM enterprises e WHERE e.id % 2003 = 0 LIMIT 500`,
  );
}

/** The floor: the same rows, streamed by the same driver, counted and dropped. */
async function floor(): Promise<{ rows: number; seconds: number }> {
  const { POPULATION_STREAM_SQL } = await import('@app/risk');
  const db = new URL(process.env.DATABASE_URL!);
  const conn = createStreamingConnection({
    host: db.hostname,
    port: Number(db.port || 3306),
    user: decodeURIComponent(db.username),
    password: decodeURIComponent(db.password),
    database: db.pathname.slice(1),
    supportBigNumbers: true,
  });
  const started = process.hrtime.bigint();
  let rows = 0;
  for await (const _ of conn.query(POPULATION_STREAM_SQL, [`${REGION}%`]).stream()) rows++;
  const s = seconds(started);
  await conn.promise().end();
  return { rows, seconds: s };
}

async function main(): Promise<void> {
  const { AppConfig, CoreModule, migrate } = await import('@app/core');
  const { InspectionPlanDrawer, SupervisionModule } = await import('@app/supervision');
  const config = AppConfig.fromEnvironment();
  const db = config.database;
  console.log(
    `database ${db.database} on ${db.host}:${db.port}; node ${process.version}; region ${REGION}`,
  );
  const admin = await createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
  });
  const [[version]] = (await admin.query('SELECT VERSION() AS v')) as never as [[{ v: string }]];
  console.log(`server ${version.v}`);
  await setBufferPool(admin);
  await admin.end();

  await migrate(config);
  const conn = await createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
  });
  const [[{ n }]] = (await conn.query(
    "SELECT COUNT(*) AS n FROM current_assessments c JOIN enterprises e ON e.id = c.enterprise_id WHERE e.status <> 'CANCELLED'",
  )) as never as [[{ n: number }]];
  if (RESEED || Number(n) !== ENTERPRISES) await seed(conn);
  else console.log(`reusing ${fmt(Number(n))} seeded enterprises (--reseed to rebuild)`);
  await seedInspectors(conn);
  await conn.query('ANALYZE TABLE enterprises, current_assessments');
  const [plan] = (await conn.query(`EXPLAIN ${(await import('@app/risk')).POPULATION_STREAM_SQL}`, [
    `${REGION}%`,
  ])) as never as [Record<string, unknown>[]];
  console.log('stream plan:');
  for (const r of plan) {
    console.log(`  ${r.table}: type=${r.type} key=${r.key} rows=${r.rows} extra=${r.Extra ?? ''}`);
  }

  @Module({ imports: [CoreModule, SupervisionModule] })
  class BenchModule {}
  const app: INestApplicationContext = await NestFactory.createApplicationContext(BenchModule, {
    logger: ['error', 'warn'],
  });
  const drawer = app.get(InspectionPlanDrawer);
  const caller = { sub: 'bench', role: 'regulator' as const, region: REGION };

  const warm = await floor();
  console.log(`warm-up: floor streamed ${fmt(warm.rows)} rows in ${warm.seconds.toFixed(2)} s`);

  const results: { floor: number; ours: number; peakRss: number; drawn: number }[] = [];
  const digests: string[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const f = await floor();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 10);
    const started = process.hrtime.bigint();
    // Runs 1 and 3 share a seed: the same population must give the same list.
    const view = await drawer.draw(caller, {
      name: `bench run ${run}`,
      seed: run % 2 === 1 ? 'bench-seed' : `bench-seed-${run}`,
    });
    const s = seconds(started);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    digests.push(
      createHash('sha256')
        .update(view.drawn.map((d) => d.uscc + d.inspectors.map((i) => i.id).join('/')).join(','))
        .digest('hex'),
    );
    results.push({ floor: f.seconds, ours: s, peakRss, drawn: view.totals.drawn });
    console.log(
      `run ${run}: plan ${view.id} population ${fmt(view.totals.population)} ` +
        `(A ${fmt(view.population.A)}, B ${fmt(view.population.B)}, C ${fmt(view.population.C)}, D ${fmt(view.population.D)}) ` +
        `drawn ${fmt(view.totals.drawn)} (A ${fmt(view.counts.A)}, B ${fmt(view.counts.B)}, C ${fmt(view.counts.C)}, D ${fmt(view.counts.D)})`,
    );
    console.log(
      `  ours ${s.toFixed(2)} s, ${fmt(view.totals.population / s)} rows/s, RSS ${mb(rssBefore)} -> peak ${mb(peakRss)}; ` +
        `floor ${f.seconds.toFixed(2)} s (${fmt(f.rows)} rows, ${fmt(f.rows / f.seconds)} rows/s); ` +
        `ratio ours/floor ${(s / f.seconds).toFixed(2)}`,
    );
    if (f.rows !== view.totals.population) {
      throw new Error(`floor streamed ${f.rows} rows, the plan counted ${view.totals.population}`);
    }
  }
  if (RUNS >= 3) {
    console.log(
      `same seed, same population -> same list and inspectors: ${digests[0] === digests[2] ? 'yes' : 'NO'}`,
    );
  }
  const best = results.reduce((a, b) => (b.ours < a.ours ? b : a));
  const bestFloor = Math.min(...results.map((r) => r.floor));
  console.log(
    `best: ours ${best.ours.toFixed(2)} s (${fmt(ENTERPRISES / best.ours)} rows/s), ` +
      `floor ${bestFloor.toFixed(2)} s, ratio ${(best.ours / bestFloor).toFixed(2)}, ` +
      `peak RSS ${mb(Math.max(...results.map((r) => r.peakRss)))} (process max ${mb(process.resourceUsage().maxRSS * 1024)}); ` +
      `target < 10 s: ${best.ours < 10 ? 'met' : 'NOT met'}`,
  );

  // Plans are immutable in the service; the bench database is throwaway, so clean up by SQL.
  await conn.query('DELETE FROM inspection_plan_items');
  await conn.query('DELETE FROM inspection_plan_population_parts');
  await conn.query('DELETE FROM inspection_plans');
  await conn.end();
  await app.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
