/** Jobs of the `import` queue. */
export enum ImportJob {
  /** Import a spooled upload from its checkpoint to the end. */
  Run = 'run',
}

export interface ImportJobData {
  importId: number;
}

/** Deterministic: a retried submission can never queue the same import twice. */
export const importJobId = (importId: number) => `import-${importId}`;
