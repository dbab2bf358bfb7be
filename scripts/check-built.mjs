// `prepack` guard: refuses to pack a package whose dist/ is missing or older than its sources, so
// `npm pack` never ships a tarball without built code. Run in the package's folder (npm does).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.cwd();

function newest(folder) {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}

const fail = message => {
  console.error(`\n${message}\nRun \`npm run build\` in the repository root first, then pack again.\n`);
  process.exit(1);
};

let built;
try {
  built = readdirSync(join(dir, 'dist')).filter(name => /^index\.(esm|cjs)\.js$/.test(name));
} catch {
  fail(`${dir} has no dist/: it has not been built.`);
}
if (built.length === 0) fail(`${dir}/dist holds no built entry point (index.esm.js or index.cjs.js).`);
const sources = newest(join(dir, 'src'));
const output = Math.min(...built.map(name => statSync(join(dir, 'dist', name)).mtimeMs));
if (sources > output) fail(`${dir}/dist is older than its sources: it was built before the last change.`);
