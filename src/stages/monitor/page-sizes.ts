/**
 * Page sizes for an epic of `children`: points are charged by the page size
 * asked for, not the items returned, so a small epic asks for small pages.
 * Open pull requests: about one per child, plus strays (more pages are read
 * when there are more). Finished ones: the newest first, room for a retry
 * per child; older attempts never decide a child's state.
 */
export function pageSizes(children: number): { openPage: number; donePage: number } {
  return { openPage: Math.min(100, children + 5), donePage: Math.min(100, children * 2 + 5) };
}
