/** Bytes no text file holds: a NUL, or a sequence that is not UTF-8. */
export function isBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/**
 * Text from outside (a variable, a parser's message quoting a file) made safe
 * to echo in one line: control characters and undecodable bytes shown as `?`,
 * cut to `max` characters.
 */
export function printable(text: string, max: number): string {
  const clean = Array.from(text, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffd ? "?" : char;
  }).join("");
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
