/**
 * The dependency cycles among `nodes` (Tarjan's strongly connected
 * components): each cycle as its issue numbers, ascending; cycles sorted by
 * their smallest number. Edges to numbers outside `nodes` are ignored; an
 * issue that depends on itself is a cycle of one.
 */
export function findCycles(nodes: ReadonlyMap<number, readonly number[]>): number[][] {
  let index = 0;
  const indices = new Map<number, number>();
  const lowlinks = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const cycles: number[][] = [];
  const connect = (node: number): void => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of nodes.get(node) ?? []) {
      if (!nodes.has(next)) continue;
      if (!indices.has(next)) {
        connect(next);
        lowlinks.set(node, Math.min(lowlinks.get(node) as number, lowlinks.get(next) as number));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node) as number, indices.get(next) as number));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component: number[] = [];
      for (;;) {
        const member = stack.pop() as number;
        onStack.delete(member);
        component.push(member);
        if (member === node) break;
      }
      const selfLoop = component.length === 1 && (nodes.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) cycles.push(component.sort((a, b) => a - b));
    }
  };
  for (const node of [...nodes.keys()].sort((a, b) => a - b)) if (!indices.has(node)) connect(node);
  return cycles.sort((a, b) => (a[0] as number) - (b[0] as number));
}
