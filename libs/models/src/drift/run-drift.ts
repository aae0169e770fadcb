import type { PsiBand, PsiBin } from '@app/stats';

/** The Population Stability Index of a run's scores against the previous run of its scope. */
export interface RunDrift {
  runId: number;
  /** null: the first run of its scope, nothing to compare with. */
  previousRunId: number | null;
  /** Overall, on the baseline's score deciles. */
  psi: number | null;
  /** The worst band of the overall and the per-indicator PSI. */
  band: PsiBand | null;
  indicators: { code: string; psi: number | null; band: PsiBand | null }[];
  bins: PsiBin[];
  thresholds: { watch: number; alert: number };
  computedAt: string;
}
