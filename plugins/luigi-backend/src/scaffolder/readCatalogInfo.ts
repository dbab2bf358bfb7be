import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { open } from 'node:fs/promises';

/** The most a catalog-info.yaml may have to be validated: as much as the validation route takes. */
export const MAX_CATALOG_INFO_BYTES = 1024 * 1024;

/**
 * The text of the catalog-info.yaml at `path` inside the task's workspace. Refuses a path that leads
 * out of the workspace (a template parameter may name it), a file that is missing or not a file, and
 * one over {@link MAX_CATALOG_INFO_BYTES}.
 */
export async function readCatalogInfo(workspacePath: string, path: string): Promise<string> {
  let file: string;
  try {
    file = resolveSafeChildPath(workspacePath, path);
  } catch {
    throw new InputError(`${path} is outside the workspace`);
  }
  const handle = await open(file, 'r').catch(() => {
    throw new InputError(`There is no ${path} in the workspace`);
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new InputError(`${path} in the workspace is not a file`);
    if (stat.size > MAX_CATALOG_INFO_BYTES) {
      throw new InputError(`${path} has ${stat.size} bytes, more than the ${MAX_CATALOG_INFO_BYTES} a validation reads`);
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
