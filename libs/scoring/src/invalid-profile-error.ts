/** A profile the engine cannot score: a record lacks what its kind needs. Fix the data, not the model. */
export class InvalidProfileError extends Error {
  constructor(
    readonly enterpriseId: number,
    readonly recordId: number,
    reason: string,
  ) {
    super(`enterprise ${enterpriseId}, record ${recordId}: ${reason}`);
    this.name = 'InvalidProfileError';
  }
}
