const DIGITS = /^[0-9]{1,10}$/;

/** A decimal integer within bounds, or undefined; no signs, no fractions, at most 10 digits. */
export function parseBounded(token: string, min: number, max: number): number | undefined {
  if (!DIGITS.test(token)) return undefined;
  const value = Number(token);
  return value >= min && value <= max ? value : undefined;
}
