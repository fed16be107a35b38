/**
 * The typed array of each TIFF sample type, for views over decoded block bytes and for new
 * sample buffers. Plain data and constructors only, so decode worker threads can import it.
 */
import type { SampleType } from './types.js';

/** A typed array of one of the {@link SampleType}s. */
export type SampleArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** A typed-array constructor: a new zeroed array, or a view of `length` samples over a buffer. */
export interface SampleArrayConstructor {
  new (length: number): SampleArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): SampleArray;
}

/** The typed array of every sample type (byte offsets of views must be multiples of its size). */
export const SAMPLE_ARRAYS: Record<SampleType, SampleArrayConstructor> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};
