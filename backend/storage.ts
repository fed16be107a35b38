/**
 * Files of one data directory: `scenes/<sceneId>/` (band files and MTL), `results/` (product
 * GeoTIFFs) and `tmp/` (uploads in flight). Uploads land in their own folder under `tmp/` and
 * are moved into `scenes/` by one rename only after the scene assembles, so the database never
 * points to a half-written file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The folders of a data directory and the file operations on them. */
export class Storage {
  /** Absolute data directory. */
  readonly dataDir: string;
  readonly scenesDir: string;
  readonly resultsDir: string;
  readonly tmpDir: string;

  constructor(dataDir: string) {
    this.dataDir = path.resolve(dataDir);
    this.scenesDir = path.join(this.dataDir, 'scenes');
    this.resultsDir = path.join(this.dataDir, 'results');
    this.tmpDir = path.join(this.dataDir, 'tmp');
  }

  /** Creates the folders and empties `tmp/` (uploads interrupted by a crash). */
  async init(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await rm(this.tmpDir, { recursive: true, force: true });
    await Promise.all(
      [this.scenesDir, this.resultsDir, this.tmpDir].map((dir) => mkdir(dir, { recursive: true })),
    );
  }

  /** A new, empty folder under `tmp/` for one upload. */
  async createUploadDir(): Promise<string> {
    const dir = path.join(this.tmpDir, `upload-${randomUUID()}`);
    await mkdir(dir);
    return dir;
  }

  /** Folder of a stored scene. */
  sceneDir(sceneId: string): string {
    return path.join(this.scenesDir, safeId(sceneId));
  }

  /** Path of a product's GeoTIFF. */
  resultPath(productId: string): string {
    return path.join(this.resultsDir, `${safeId(productId)}.tif`);
  }

  /**
   * Moves an upload folder into place as the scene's folder (one rename) and returns the new
   * folder. Paths inside keep their file names.
   */
  async commitUpload(uploadDir: string, sceneId: string): Promise<string> {
    const target = this.sceneDir(sceneId);
    await rename(uploadDir, target);
    return target;
  }

  /** Removes a folder and everything in it; a missing folder is fine. */
  async removeDir(dir: string): Promise<void> {
    await rm(dir, { recursive: true, force: true });
  }

  /** Removes one file; a missing file is fine. */
  async removeFile(filePath: string): Promise<void> {
    await rm(filePath, { force: true });
  }

  /** Writes a file atomically: a temp file beside it, then rename. */
  async writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
    const temp = `${filePath}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, data);
      await rename(temp, filePath);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /**
   * Removes scene folders and result files the database does not know (left by a crash between
   * a move and its insert). Returns the number of entries removed.
   */
  async sweepOrphans(knownSceneIds: Set<string>, knownResultPaths: Set<string>): Promise<number> {
    let removed = 0;
    for (const entry of await readdir(this.scenesDir)) {
      if (!knownSceneIds.has(entry)) {
        await this.removeDir(path.join(this.scenesDir, entry));
        removed += 1;
      }
    }
    for (const entry of await readdir(this.resultsDir)) {
      const filePath = path.join(this.resultsDir, entry);
      if (!knownResultPaths.has(filePath)) {
        await this.removeFile(filePath);
        removed += 1;
      }
    }
    return removed;
  }
}

/** Ids are generated UUIDs; refuse anything else before it becomes part of a path. */
function safeId(id: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) {
    throw new Error(`refusing unsafe storage id '${id}'`);
  }
  return id;
}
