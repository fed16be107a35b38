/**
 * Bringing a decoded block to host (little-endian) sample order and undoing TIFF predictors, as
 * tight typed-array loops.
 *
 * Predictor 2 (horizontal differencing): TIFF 6.0 §14; each sample is the difference to the
 * same component of the previous pixel, modulo 2^bits, stored in the file's byte order. The
 * block is first swapped to host order, then accumulated through an unsigned view of the sample
 * width (geotiff.js 3.0.5 accumulates big-endian files in host order: wrong, PR #550).
 * Predictor 3 (floating point): Adobe Photoshop TIFF Technical Note 3 (2005); bytes are
 * differenced with a stride of samplesPerPixel, and each row holds the sample bytes as byte
 * planes, most significant first, whatever the file's byte order.
 *
 * After {@link toHostOrder} the block holds little-endian samples (the host order of every
 * platform Node supports in practice: x64, arm64).
 */

/** Shape of a decoded block. */
export interface PredictorLayout {
  /** 1 (none), 2 or 3. */
  predictor: number;
  /** Pixels per row of the block (tile width, or image width for strips). */
  blockWidth: number;
  /** Rows actually present in the decoded buffer. */
  rows: number;
  /** Interleaved samples per pixel in the block (1 for planar-separate blocks). */
  samplesPerPixel: number;
  /** 1, 2, 4 or 8. */
  bytesPerSample: number;
  /** Byte order of the file. */
  littleEndian: boolean;
}

/** Reverses the bytes of every `width`-byte sample of `bytes[0, length)`, in place. */
function swapBytes(bytes: Uint8Array, width: number, length: number): void {
  if (width === 2) {
    const words = new Uint16Array(bytes.buffer, bytes.byteOffset, length / 2);
    for (let i = 0; i < words.length; i++) {
      const v = words[i]!;
      words[i] = (v << 8) | (v >>> 8);
    }
    return;
  }
  if (width === 4) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, length / 4);
    for (let i = 0; i < words.length; i++) {
      const v = words[i]!;
      words[i] = (v << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
    }
    return;
  }
  for (let at = 0; at + width <= length; at += width) {
    for (let lo = at, hi = at + width - 1; lo < hi; lo++, hi--) {
      const t = bytes[lo]!;
      bytes[lo] = bytes[hi]!;
      bytes[hi] = t;
    }
  }
}

function unsignedView(
  bytes: Uint8Array,
  bytesPerSample: number,
  length: number,
): Uint8Array | Uint16Array | Uint32Array | BigUint64Array {
  const { buffer, byteOffset } = bytes;
  const count = Math.floor(length / bytesPerSample);
  if (bytesPerSample === 1) return bytes.subarray(0, length);
  if (bytesPerSample === 2) return new Uint16Array(buffer, byteOffset, count);
  if (bytesPerSample === 4) return new Uint32Array(buffer, byteOffset, count);
  return new BigUint64Array(buffer, byteOffset, count);
}

function undoHorizontal(bytes: Uint8Array, layout: PredictorLayout, length: number): void {
  const { blockWidth, rows, samplesPerPixel: spp, bytesPerSample } = layout;
  const rowSamples = blockWidth * spp;
  const samples = unsignedView(bytes, bytesPerSample, length);
  const fullRows = Math.min(rows, Math.floor(samples.length / rowSamples));

  if (samples instanceof BigUint64Array) {
    for (let row = 0; row < fullRows; row++) {
      const base = row * rowSamples;
      for (let i = base + spp; i < base + rowSamples; i++) {
        samples[i] = BigInt.asUintN(64, samples[i]! + samples[i - spp]!);
      }
    }
    return;
  }
  // Typed-array stores wrap modulo 2^bits, which is the predictor's arithmetic.
  for (let row = 0; row < fullRows; row++) {
    const base = row * rowSamples;
    for (let i = base + spp; i < base + rowSamples; i++)
      samples[i] = samples[i]! + samples[i - spp]!;
  }
}

function undoFloatingPoint(bytes: Uint8Array, layout: PredictorLayout, length: number): void {
  const { blockWidth, rows, samplesPerPixel: spp, bytesPerSample: bps } = layout;
  const wordsPerRow = blockWidth * spp;
  const rowBytes = wordsPerRow * bps;
  const planes = new Uint8Array(rowBytes);
  // float32, the hot path: assemble each word from its four planes in one 32-bit store.
  const words32 = bps === 4 ? new Uint32Array(bytes.buffer, bytes.byteOffset, length / 4) : null;

  for (let row = 0; row < rows; row++) {
    const base = row * rowBytes;
    if (base + rowBytes > length) break;
    // Uint8Array stores wrap modulo 256, the predictor's arithmetic.
    planes.set(bytes.subarray(base, base + rowBytes));
    if (spp === 1) {
      let sum = 0;
      for (let i = 0; i < rowBytes; i++) {
        sum = (sum + planes[i]!) & 0xff;
        planes[i] = sum;
      }
    } else {
      for (let i = spp; i < rowBytes; i++) planes[i] = planes[i - spp]! + planes[i]!;
    }
    // Plane b holds byte b of every word, most significant first; write little-endian.
    if (words32 !== null) {
      const first = base / 4;
      for (let w = 0; w < wordsPerRow; w++) {
        words32[first + w] =
          (planes[w]! << 24) |
          (planes[wordsPerRow + w]! << 16) |
          (planes[2 * wordsPerRow + w]! << 8) |
          planes[3 * wordsPerRow + w]!;
      }
      continue;
    }
    for (let b = 0; b < bps; b++) {
      const plane = b * wordsPerRow;
      let out = base + (bps - 1 - b);
      for (let word = 0; word < wordsPerRow; word++, out += bps) bytes[out] = planes[plane + word]!;
    }
  }
}

/**
 * Undoes the predictor in place and leaves `bytes` as little-endian samples. `bytes` must start
 * at a multiple of bytesPerSample in its buffer (typed views are used).
 */
export function toHostOrder(bytes: Uint8Array, layout: PredictorLayout): void {
  const { bytesPerSample } = layout;
  const length = bytes.byteLength - (bytes.byteLength % bytesPerSample);
  if (layout.predictor === 3) {
    undoFloatingPoint(bytes, layout, length);
    return;
  }
  if (!layout.littleEndian && bytesPerSample > 1) swapBytes(bytes, bytesPerSample, length);
  if (layout.predictor === 2) undoHorizontal(bytes, layout, length);
}
