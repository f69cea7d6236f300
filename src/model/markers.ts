/**
 * Hidden markers: the way Factory keeps state inside GitHub text.
 *
 * A marker is an HTML comment GitHub does not render, e.g.
 * `<!-- factory:reply comment=123 -->`. Every body or comment Factory writes
 * that it may need to find again carries one, which is what makes writes
 * ensure-style: look for the marker first, write only if it is missing.
 *
 * Values are restricted to a safe alphabet so that text copied from users can
 * never forge or break a marker.
 */

/** One parsed marker: its kind and its key/value fields. */
export interface Marker {
  kind: string;
  fields: Record<string, string>;
}

const KIND = /^[a-z][a-z0-9-]{0,39}$/;
const KEY = /^[a-z][a-z0-9_]{0,29}$/;
const VALUE = /^[A-Za-z0-9#._:/@+-]{1,200}$/;
const MARKER = /<!-- factory:([a-z][a-z0-9-]{0,39})((?: [a-z][a-z0-9_]{0,29}=[A-Za-z0-9#._:/@+-]{1,200})*) -->/g;

/**
 * Renders a marker. Throws on a kind, key or value outside the safe alphabet:
 * that is a programming error, never user input.
 */
export function renderMarker(marker: Marker): string {
  if (!KIND.test(marker.kind)) throw new Error(`Invalid marker kind: ${JSON.stringify(marker.kind)}`);
  const parts = Object.entries(marker.fields).map(([key, value]) => {
    if (!KEY.test(key)) throw new Error(`Invalid marker key: ${JSON.stringify(key)}`);
    if (!VALUE.test(value)) throw new Error(`Invalid marker value for ${key}: ${JSON.stringify(value)}`);
    return ` ${key}=${value}`;
  });
  return `<!-- factory:${marker.kind}${parts.join("")} -->`;
}

/** Every marker found in a body, in order. Malformed markers are ignored. */
export function parseMarkers(body: string | null | undefined): Marker[] {
  if (!body) return [];
  const found: Marker[] = [];
  for (const match of body.matchAll(MARKER)) {
    const fields: Record<string, string> = {};
    for (const pair of (match[2] ?? "").trim().split(" ").filter(Boolean)) {
      const at = pair.indexOf("=");
      fields[pair.slice(0, at)] = pair.slice(at + 1);
    }
    found.push({ kind: match[1] as string, fields });
  }
  return found;
}

/**
 * The first marker of `kind` whose fields include every field in `where`,
 * or undefined.
 */
export function findMarker(
  body: string | null | undefined,
  kind: string,
  where: Record<string, string> = {},
): Marker | undefined {
  return parseMarkers(body).find(
    (marker) => marker.kind === kind && Object.entries(where).every(([k, v]) => marker.fields[k] === v),
  );
}
