/** True when the values that are not null rise strictly in order (e.g. problem rates A < B < C < D). */
export function isStrictlyIncreasing(values: ReadonlyArray<number | null>): boolean {
  const present = values.filter((v): v is number => v !== null);
  return present.every((v, i) => i === 0 || v > present[i - 1]);
}
