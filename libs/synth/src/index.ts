/** Deterministic synthetic population generator (pure TypeScript, streaming). */
export type {
  EnterpriseRow,
  LinkRow,
  PersonRole,
  PersonRow,
  PopulationBatch,
  PopulationOptions,
  RecordRow,
} from './population.types';
export { DEFAULT_BATCH_SIZE, generatePopulation } from './population-generator';
export { buildProfiles, generateProfiles } from './profile-builder';
export { SHARE_WINDOW } from './relations-generator';
export { writePopulationBatch } from './population-writer';
export type { SqlExecutor } from './population-writer';
export { DEFAULT_RATES } from './generation-rates';
export type {
  GenerationRates,
  RiskClassName,
  RiskClassRates,
  TaxWeights,
} from './generation-rates';
