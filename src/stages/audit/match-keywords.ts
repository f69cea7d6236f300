/**
 * Counts how many times each keyword occurs in a text, case-insensitively and
 * on word boundaries (a trailing plural "s" or "es" still matches), so
 * "auth" does not match "author" and "test" matches "tests". Emoji match
 * wherever they appear.
 */
export function countKeywords(text: string, keywords: readonly string[]): number {
  let count = 0;
  for (const keyword of keywords) count += (text.match(keywordPattern(keyword)) ?? []).length;
  return count;
}

const cache = new Map<string, RegExp>();

function keywordPattern(keyword: string): RegExp {
  let pattern = cache.get(keyword);
  if (!pattern) {
    const escaped = keyword.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "[\\s-]+");
    pattern = /^[\p{L}\p{N}]/u.test(keyword)
      ? new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?:s|es)?(?![\\p{L}\\p{N}])`, "giu")
      : new RegExp(escaped, "gu");
    cache.set(keyword, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}
