/**
 * Paths of real data in ../shared/data for tests. A missing file fails the test with a message
 * naming it, instead of skipping silently.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Repository-relative root of the shared data. */
export const SHARED_DATA_DIR = path.resolve(process.cwd(), '../shared/data');

/** The absolute path of a shared data file. @throws Error when the file is absent. */
export function sharedDataFile(relativePath: string): string {
  const absolute = path.join(SHARED_DATA_DIR, relativePath);
  if (!existsSync(absolute)) {
    throw new Error(
      `test data missing: ${absolute} (the shared data set must be available at ../shared/data)`,
    );
  }
  return absolute;
}
