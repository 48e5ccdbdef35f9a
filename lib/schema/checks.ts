/** Rules shared by several schemas; each returns the rules a value broke, in words. */
export const wholeNumber =
  (min: number) =>
  (value: number): string[] =>
    Number.isInteger(value) && value >= min ? [] : [`must be a whole number >= ${min}`];

export const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string): string[] =>
    (allowed as readonly string[]).includes(value) ? [] : [`must be one of ${allowed.join(', ')}`];
