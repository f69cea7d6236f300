/**
 * Lower-cases A–Z only. `toLowerCase` maps some non-ASCII letters (the Kelvin
 * sign) onto ASCII ones, which would let look-alike text pass as a verb.
 */
export function asciiLower(value: string): string {
  return value.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32));
}
