/**
 * The partition a lane's jobs go to: FNV-1a (32 bits) of the lane, modulo
 * `partitions`. Stable across processes, versions and instances, which is the
 * whole point: every instance must send a repository's jobs to one queue.
 */
export function partitionOf(lane: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(lane, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
