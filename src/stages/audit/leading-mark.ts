/** An emoji or pictograph, with its optional variation selector: 🔴, ⚠️, ✅. */
export const MARK = "(?:\\p{Extended_Pictographic}|\\p{Emoji_Presentation})\\uFE0F?";

const LEADING = new RegExp(`^${MARK}`, "u");

/** The mark `text` opens with (🔴, ⚠ for "⚠️ …"), without its variation selector; undefined when it opens with none. */
export function leadingMark(text: string): string | undefined {
  return LEADING.exec(text.trim())?.[0].replace(/\uFE0F/g, "");
}
