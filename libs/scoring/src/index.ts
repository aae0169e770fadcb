/** The credit scoring engine: pure TypeScript, no framework, database or queue. */
export * from './profile';
export type { AppliedVeto, Assessment, Factor } from './assessment';
export type { CompiledModel, VetoEffect } from './compiled-model';
export type { IndicatorCategory, Label, ModelDefinition, Tier } from './model-schema';
export { CATEGORIES, TIERS } from './model-schema';
export type { ModelIssue } from './model-rules';
export { evaluate } from './evaluate';
export { publicityEndsOn } from './prepare-records';
export { InvalidProfileError } from './invalid-profile-error';
export { loadModelDirectory, loadModelFile, parseModel } from './model-loader';
export { ModelValidationError } from './model-validation-error';
export { INSPECTION_RESULTS } from './record-codes';
