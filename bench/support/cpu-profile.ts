import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a process's time went, from the `.cpuprofile` files `node --cpu-prof`
 * wrote into `dir`: idle (waiting on the database, Redis or the network),
 * garbage collection, and the functions with the most self time. Printed by
 * the benchmarks' `--profile` so a figure comes with its reason.
 */
export function summariseCpuProfiles(dir: string, top = 12): string {
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const where = f.url
        ? `${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${f.lineNumber + 1}`
        : '';
      const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
      self.set(key, (self.get(key) ?? 0) + p.timeDeltas[i]);
      const pkg = packageOf(f.url, f.functionName);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + p.timeDeltas[i]);
      total += p.timeDeltas[i];
    });
  }
  const line = ([k, us]: [string, number]) =>
    `  ${(us / 1e6).toFixed(1).padStart(6)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`;
  const largest = (m: Map<string, number>, n: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `CPU profile (${dir}): ${(total / 1e6).toFixed(1)} s of samples, self time`,
    ...largest(self, top).map(line),
    'by package (node_modules) or our library:',
    ...largest(byPackage, 10).map(line),
  ].join('\n');
}

/** `fastify`, `@nestjs/core`, `libs/registry`, `apps/api`, `node:` internals, or V8's own (idle, GC). */
function packageOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/((?:libs|apps)\/[^/]+)\//.exec(url);
  if (ours) return ours[1];
  if (url.startsWith('node:') || (url === '' && functionName && !functionName.startsWith('(')))
    return 'node internals';
  return url === '' ? functionName || '(anonymous)' : url.replace(/^.*\//, '');
}
