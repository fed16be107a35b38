/**
 * Float32 rasters over SharedArrayBuffer: the memory a {@link KernelPool} job shares with its
 * workers without copying.
 */

/** A zero-filled Float32Array of `length` pixels over a new SharedArrayBuffer. */
export function sharedFloat32Array(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

/** A shared copy of `values` (for rasters read into ordinary memory). */
export function toSharedFloat32Array(values: Float32Array): Float32Array {
  const shared = sharedFloat32Array(values.length);
  shared.set(values);
  return shared;
}

/** True when the array's memory is a SharedArrayBuffer, so workers see it. */
export function isShared(array: Float32Array): boolean {
  return array.buffer instanceof SharedArrayBuffer;
}
