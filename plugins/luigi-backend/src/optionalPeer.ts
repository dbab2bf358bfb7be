/**
 * Fails with what to install when `peer`, an optional peer dependency that the entry point
 * `backstage-plugin-luigi-backend/<entry>` builds on, is missing: only a backend that adds that entry
 * installs it. Called before the entry loads the peer, so a backend without it learns what to add
 * instead of a bare "Cannot find module".
 */
export function assertOptionalPeer(entry: string, peer: string): void {
  try {
    require.resolve(peer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      `backstage-plugin-luigi-backend/${entry} needs ${peer}, an optional peer dependency: ` +
        `add it to your backend, e.g. \`npm install ${peer} -w packages/backend\` ` +
        `(\`yarn --cwd packages/backend add ${peer}\`).`,
    );
  }
}
