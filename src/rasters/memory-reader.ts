/**
 * A RasterReader over Float32Array bands held in memory: for tests, and for products computed
 * in memory that are shown before (or without) being written to a GeoTIFF.
 */
import { CancelledError, InvalidParameterError } from '../errors.js';
import { noDataRule } from './nodata.js';
import type {
  CrsInfo,
  GeoTransform,
  PixelWindow,
  RasterInfo,
  RasterReader,
  ReadWindowOptions,
} from './types.js';

/** What a MemoryRasterReader is built from. */
export interface MemoryRasterParams {
  /** One Float32Array of width·height values per band, row-major from the top-left pixel. */
  bands: Float32Array[];
  width: number;
  height: number;
  geoTransform: GeoTransform;
  crs: CrsInfo;
  /** Stored value meaning "no data" (returned as NaN by readWindow); null when unset. */
  noData?: number | null;
  /** Per-band physical = raw·scale + offset, as RasterInfo; 1/0 when absent. */
  scale?: number[];
  offset?: number[];
  bandDescriptions?: (string | null)[];
  /** A name for logs and errors; defaults to "memory:<width>x<height>". */
  path?: string;
}

/** One readWindow call as recorded by MemoryRasterReader, so tests can assert I/O budgets. */
export interface RecordedRead {
  window: PixelWindow;
  bandIndex: number;
  outWidth: number;
  outHeight: number;
}

/**
 * RasterReader over in-memory bands. readWindow behaves as the GeoTIFF reader's: noData → NaN,
 * pixels outside the raster → NaN, and an output size smaller than the window samples by
 * nearest neighbour (output pixel i takes the source pixel under its centre), standing in for
 * an overview. Every call is appended to `reads`.
 */
export class MemoryRasterReader implements RasterReader {
  readonly path: string;
  readonly info: RasterInfo;
  /** Every readWindow call so far, oldest first. */
  readonly reads: RecordedRead[] = [];
  private readonly bands: Float32Array[];
  private readonly noData: number | null;

  constructor(params: MemoryRasterParams) {
    const { bands, width, height } = params;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new InvalidParameterError(`raster size ${width} × ${height} is not positive integers`, {
        width,
        height,
      });
    }
    if (bands.length === 0)
      throw new InvalidParameterError('a memory raster needs one band or more');
    bands.forEach((band, i) => {
      if (band.length !== width * height) {
        throw new InvalidParameterError(
          `band ${i} has ${band.length} values, expected ${width} × ${height} = ${width * height}`,
          { bandIndex: i, length: band.length, width, height },
        );
      }
    });

    this.bands = bands;
    this.noData = params.noData ?? null;
    this.path = params.path ?? `memory:${width}x${height}`;
    this.info = {
      width,
      height,
      bandCount: bands.length,
      sampleType: 'float32',
      geoTransform: params.geoTransform,
      crs: params.crs,
      noData: this.noData,
      scale: params.scale ?? bands.map(() => 1),
      offset: params.offset ?? bands.map(() => 0),
      bandDescriptions: params.bandDescriptions ?? bands.map(() => null),
      overviews: [],
      warnings: [],
    };
  }

  /** Reads a window of one band (see the class comment for sampling and NaN rules). */
  readWindow(window: PixelWindow, options: ReadWindowOptions): Promise<Float32Array> {
    if (options.signal?.aborted) return Promise.reject(new CancelledError());
    const band = this.bands[options.bandIndex];
    if (!band) {
      return Promise.reject(
        new InvalidParameterError(
          `band index ${options.bandIndex} is outside 0..${this.bands.length - 1} of ${this.path}`,
          { bandIndex: options.bandIndex, bandCount: this.bands.length },
        ),
      );
    }
    const outWidth = options.outWidth ?? window.width;
    const outHeight = options.outHeight ?? window.height;
    if (!(outWidth >= 1 && outHeight >= 1 && window.width >= 1 && window.height >= 1)) {
      return Promise.reject(
        new InvalidParameterError(
          `window ${window.width} × ${window.height} read as ${outWidth} × ${outHeight} is empty`,
          { window, outWidth, outHeight },
        ),
      );
    }

    this.reads.push({ window: { ...window }, bandIndex: options.bandIndex, outWidth, outHeight });
    return Promise.resolve(this.sample(band, window, outWidth, outHeight));
  }

  private sample(
    band: Float32Array,
    window: PixelWindow,
    outWidth: number,
    outHeight: number,
  ): Float32Array {
    const { width, height } = this.info;
    const out = new Float32Array(outWidth * outHeight);
    const stepX = window.width / outWidth;
    const stepY = window.height / outHeight;
    const noData = noDataRule(this.noData, 'float32');
    for (let j = 0; j < outHeight; j++) {
      const row = window.y + Math.floor((j + 0.5) * stepY);
      for (let i = 0; i < outWidth; i++) {
        const col = window.x + Math.floor((i + 0.5) * stepX);
        const inside = row >= 0 && row < height && col >= 0 && col < width;
        const value = inside ? band[row * width + col]! : NaN;
        out[j * outWidth + i] = noData.matches(value) ? NaN : value;
      }
    }
    return out;
  }

  /** Nothing to release; present for the RasterReader contract. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
