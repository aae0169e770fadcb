/** Statistics for measuring a scorecard: pure TypeScript, no framework. */
export { wilsonInterval, Z95 } from './wilson';
export {
  addCounts,
  addToOutcomeHistogram,
  emptyOutcomeHistogram,
  mergeOutcomeHistograms,
} from './score-histogram';
export type { OutcomeHistogram } from './score-histogram';
export { discrimination } from './discrimination';
export type { Discrimination } from './discrimination';
export { psi, psiBand, scoreBinsPsi } from './psi';
export type { PsiBand, PsiBin } from './psi';
export { isStrictlyIncreasing } from './ordering';
