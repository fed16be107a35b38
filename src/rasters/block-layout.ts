/**
 * What a decode worker needs to know about one TIFF image to turn its compressed blocks into
 * float32 pixels, as plain data that can be posted to a worker thread.
 */
import type { SampleType } from './types.js';

/** Layout of one image (one IFD) and the band to extract. */
export interface BlockLayout {
  filePath: string;
  width: number;
  height: number;
  /** Block size: tile size, or image width × RowsPerStrip for strips. */
  blockWidth: number;
  blockHeight: number;
  blocksAcross: number;
  /** true for tiles (edge blocks padded), false for strips (last strip may be short). */
  tiled: boolean;
  /** 1 (none), 8 or 32946 (DEFLATE). */
  compression: number;
  /** 1, 2 or 3. */
  predictor: number;
  sampleType: SampleType;
  /** Interleaved samples per pixel in a block (1 for planar-separate images). */
  samplesPerPixel: number;
  bandIndex: number;
  littleEndian: boolean;
  /** noData value of the file, or null; matching pixels become NaN. */
  noData: number | null;
}

/** Pixel rows actually stored in block row `by`. */
export function rowsInBlock(layout: BlockLayout, by: number): number {
  if (layout.tiled) return layout.blockHeight;
  return Math.min(layout.blockHeight, layout.height - by * layout.blockHeight);
}
