import { createConnection } from 'mysql2/promise';
import { readFileSync } from 'node:fs';
const COLS = 'enterprise_id, run_id, `trigger`, tier, score, model_version, model_hash, as_of, next_review_on, fingerprint, factors, vetoes, created_at';
const mysqld = Number(readFileSync('/run/mysqld/mysqld.pid', 'utf8'));
const dbCpu = () => { const f = readFileSync(`/proc/${mysqld}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
const factors = JSON.stringify([{ code: 'B1', points: -20 }, { code: 'B2', points: -10 }, { code: 'D1', points: 20, recordIds: [123456, 234567] }, { code: 'S2', points: 0, recordIds: [345678] }, { code: 'P3', points: -35, recordIds: [1, 2, 3, 4, 5] }, { code: 'L1', points: 0 }]);
function rows(run: number, from: number) {
  const out: unknown[][] = [];
  for (let i = 0; i < 2000; i++) out.push([from + i, run, 'run', 'B', 640 + (i % 50), 'samr-general-v1', 'a'.repeat(64), '2026-06-30', null, 'f'.repeat(40), factors, '[]', new Date()]);
  return out;
}
(async () => {
  const c = await createConnection({ uri: 'mysql://root@127.0.0.1:3306/crs_bench_import' });
  await c.query('SET FOREIGN_KEY_CHECKS=1');
  for (const mode of ['query', 'execute', 'query', 'execute']) {
    await c.query('TRUNCATE assessments');
    let run = mode === 'query' ? 1 : 2;
    const t0 = Date.now(); const cpu0 = process.cpuUsage(); const db0 = dbCpu();
    let build = 0;
    for (let k = 0; k < 50; k++) {
      const r = rows(run, 1 + (k * 2000) % 198000); run += 10;
      const b = process.hrtime.bigint();
      if (mode === 'query') await c.query(`INSERT INTO assessments (${COLS}) VALUES ? ON DUPLICATE KEY UPDATE id = id`, [r]);
      else {
        const K = Number(process.env.K ?? 2000);
        const ph = '(' + Array(13).fill('?').join(',') + ')';
        const sql = `INSERT INTO assessments (${COLS}) VALUES ${Array(K).fill(ph).join(',')} ON DUPLICATE KEY UPDATE id = id`;
        for (let i = 0; i < r.length; i += K) await c.execute(sql, r.slice(i, i + K).flat());
      }
      build += Number(process.hrtime.bigint() - b) / 1e6;
    }
    const u = process.cpuUsage(cpu0);
    console.log(mode, `wall ${(Date.now() - t0)} ms, client CPU ${((u.user + u.system) / 1000).toFixed(0)} ms, MariaDB CPU ${((dbCpu() - db0) * 1000).toFixed(0)} ms, per insert ${(build / 50).toFixed(1)} ms`);
  }
  await c.end();
})();
