import type { ModelIssue } from './model-rules';

/** A model file was refused. The message names the file, the path inside it and the reason. */
export class ModelValidationError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ModelIssue[],
  ) {
    super(issues.map((i) => `${file}: ${i.path || '(root)'}: ${i.reason}`).join('\n'));
    this.name = 'ModelValidationError';
  }
}
