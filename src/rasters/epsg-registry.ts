/**
 * The EPSG registry as shipped by the `epsg-index` package (node_modules/epsg-index/all.json,
 * ~8 MB, code → {name, kind, proj4, …}). Loaded lazily on first use and kept for the process.
 */
import { createRequire } from 'node:module';

/** One registry entry (the fields this platform reads). */
export interface EpsgEntry {
  code: string;
  /** e.g. `CRS-PROJCRS`, `CRS-GEOGCRS`, `CRS-VERTCRS`. */
  kind: string;
  name: string;
  /** proj4 definition; may reference grid files (`+nadgrids=`) or be empty. */
  proj4: string;
}

let registry: Record<string, EpsgEntry | undefined> | null = null;

function loadRegistry(): Record<string, EpsgEntry | undefined> {
  if (registry === null) {
    const require = createRequire(import.meta.url);
    registry = require('epsg-index/all.json') as Record<string, EpsgEntry | undefined>;
  }
  return registry;
}

/** The registry entry of an EPSG code, or undefined when the code is not registered. */
export function lookupEpsg(code: number): EpsgEntry | undefined {
  return loadRegistry()[String(code)];
}
