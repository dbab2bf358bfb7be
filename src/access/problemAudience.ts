/**
 * Who is looking at configuration problems: a portal admin (allowed `luigi.admin.read`), or a user
 * owning the entities in `ownershipRefs` (the identity's `ownershipEntityRefs`).
 */
export interface ProblemViewer {
  admin: boolean;
  ownershipRefs: readonly string[];
}

/**
 * The problems `viewer` is shown: all of them to an admin; to anybody else those of entities they own
 * (the problem's `owner`, a full entity ref, among their ownership refs); none while the viewer is not
 * known yet (undefined). A problem without an owner (a malformed entity) is for admins only.
 *
 * A display filter, not access control: every problem is derived from catalog entities the user can
 * read anyway. It keeps other teams' registration mistakes, and their URLs, out of everyone's page.
 * Pure. Entity refs are compared as Backstage does, case-insensitively.
 */
export function problemsShownTo<T extends { owner?: string }>(
  problems: readonly T[],
  viewer: ProblemViewer | undefined,
): T[] {
  if (!viewer) return [];
  if (viewer.admin) return [...problems];
  const owned = new Set(viewer.ownershipRefs.map(ref => ref.toLocaleLowerCase('en-US')));
  return problems.filter(problem => problem.owner !== undefined && owned.has(problem.owner.toLocaleLowerCase('en-US')));
}
