import type { RunService } from '@app/reclassification';

export type RunView = Awaited<ReturnType<RunService['get']>>;

const TIERS = ['A', 'B', 'C', 'D'] as const;
const number = new Intl.NumberFormat('en-US');

export const isFinished = (run: Pick<RunView, 'status'>) =>
  run.status === 'completed' || run.status === 'failed';

/** `42s`, `3m 05s`, `1h 02m`; `--` when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatCount(n: number | null): string {
  return n === null || !Number.isFinite(n) ? '--' : number.format(Math.round(n));
}

function runSeconds(run: RunView): number | null {
  if (!run.startedAt || !run.finishedAt) return null;
  return (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000;
}

/** The closing report of a run: outcome, tiers, and the tier transition matrix. */
export function formatRunSummary(run: RunView): string {
  const seconds = runSeconds(run);
  const lines = [
    `run ${run.id} ${run.status}${seconds === null ? '' : ` in ${formatDuration(seconds)}`}` +
      `${run.dryRun ? ' (dry run: nothing stored)' : ''}: ` +
      `${formatCount(run.processed)} of ${formatCount(run.total)} enterprises, ` +
      (run.firstClassified
        ? `${formatCount(run.firstClassified)} classified for the first time, `
        : '') +
      `${formatCount(run.changed - run.firstClassified)} changed, ${formatCount(run.failed)} failed` +
      (seconds ? `, ${formatCount(run.processed / seconds)}/s` : ''),
  ];
  if (run.error) lines.push(`error: ${run.error}`);
  lines.push('', formatTiers(run.byTier), '', formatTransitions(run.transitions));
  return lines.join('\n');
}

export function formatTiers(byTier: Record<string, number>): string {
  const total = TIERS.reduce((n, t) => n + (byTier[t] ?? 0), 0);
  const width = Math.max(8, ...TIERS.map((t) => formatCount(byTier[t] ?? 0).length + 2));
  const row = (label: string, cells: string[]) =>
    label.padEnd(12) + cells.map((c) => c.padStart(width)).join('');
  return [
    row('tier', [...TIERS]),
    row(
      'enterprises',
      TIERS.map((t) => formatCount(byTier[t] ?? 0)),
    ),
    row(
      'share',
      TIERS.map((t) => (total ? `${(((byTier[t] ?? 0) / total) * 100).toFixed(1)}%` : '--')),
    ),
  ].join('\n');
}

/** Rows: tier before the run; columns: tier after. */
export function formatTransitions(transitions: Record<string, number>): string {
  const moved = Object.values(transitions).reduce((a, b) => a + b, 0);
  if (moved === 0) return 'transitions: no enterprise changed tier';
  const cell = (from: string, to: string) =>
    from === to ? '·' : formatCount(transitions[`${from}>${to}`] ?? 0);
  const width = Math.max(6, ...TIERS.flatMap((f) => TIERS.map((t) => cell(f, t).length + 2)));
  return [
    `transitions (${formatCount(moved)} enterprises changed tier; rows: from, columns: to)`,
    '    ' + TIERS.map((t) => t.padStart(width)).join(''),
    ...TIERS.map((f) => `  ${f} ` + TIERS.map((t) => cell(f, t).padStart(width)).join('')),
  ].join('\n');
}
