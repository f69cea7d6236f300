import { createHash } from "node:crypto";

/**
 * A BullMQ job id (or deduplication id) for one of ours, the same every time
 * for the same input and different for different inputs. BullMQ refuses ids
 * that are integers (`"42"`, its own counter's ids) or contain `:` (they
 * collide with its key layout), and an empty id means "make one up". So `%`
 * and `:` are escaped as `%25` and `%3A` (readable, and no escape starts with
 * a letter), an integer gets `%i` in front, an empty id is `%e`, and an id
 * longer than 200 characters is `%h` and its SHA1, to keep Redis keys short.
 */
export function bullId(id: string): string {
  if (id === "") return "%e";
  const escaped = id.replace(/%/g, "%25").replace(/:/g, "%3A");
  if (escaped.length > 200) return `%h${createHash("sha1").update(id).digest("hex")}`;
  if (`${parseInt(escaped, 10)}` === escaped) return `%i${escaped}`;
  return escaped;
}
