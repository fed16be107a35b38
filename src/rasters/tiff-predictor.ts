/**
 * Undoing TIFF predictors on a decoded block, honouring the file's byte order.
 *
 * Predictor 2 (horizontal differencing): TIFF 6.0 §14; each sample is the difference to the
 * same component of the previous pixel, modulo 2^bits, stored in the file's byte order.
 * Predictor 3 (floating point): Adobe Photoshop TIFF Technical Note 3 (2005); bytes are
 * differenced with a stride of samplesPerPixel, and each row holds the sample bytes as byte
 * planes, most significant first, whatever the file's byte order. The result is therefore
 * big-endian samples: read them with `littleEndian = false`.
 */

/** Shape of a decoded block. */
export interface PredictorLayout {
  /** 2 or 3. */
  predictor: number;
  /** Pixels per row of the block (tile width, or image width for strips). */
  blockWidth: number;
  /** Rows actually present in the decoded buffer. */
  rows: number;
  /** Interleaved samples per pixel in the block (1 for planar-separate blocks). */
  samplesPerPixel: number;
  bytesPerSample: number;
  littleEndian: boolean;
}

function undoHorizontal(bytes: Uint8Array, layout: PredictorLayout): void {
  const { blockWidth, rows, samplesPerPixel: spp, bytesPerSample, littleEndian } = layout;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rowSamples = blockWidth * spp;
  const rowBytes = rowSamples * bytesPerSample;

  for (let row = 0; row < rows; row++) {
    const base = row * rowBytes;
    if (base + rowBytes > bytes.byteLength) break;
    for (let i = spp; i < rowSamples; i++) {
      const at = base + i * bytesPerSample;
      const previous = at - spp * bytesPerSample;
      if (bytesPerSample === 1) {
        bytes[at] = ((bytes[at] ?? 0) + (bytes[previous] ?? 0)) & 0xff;
      } else if (bytesPerSample === 2) {
        const sum = view.getUint16(at, littleEndian) + view.getUint16(previous, littleEndian);
        view.setUint16(at, sum & 0xffff, littleEndian);
      } else if (bytesPerSample === 4) {
        const sum = view.getUint32(at, littleEndian) + view.getUint32(previous, littleEndian);
        view.setUint32(at, sum >>> 0, littleEndian);
      } else {
        const sum = view.getBigUint64(at, littleEndian) + view.getBigUint64(previous, littleEndian);
        view.setBigUint64(at, BigInt.asUintN(64, sum), littleEndian);
      }
    }
  }
}

function undoFloatingPoint(bytes: Uint8Array, layout: PredictorLayout): void {
  const { blockWidth, rows, samplesPerPixel: spp, bytesPerSample } = layout;
  const wordsPerRow = blockWidth * spp;
  const rowBytes = wordsPerRow * bytesPerSample;
  const planes = new Uint8Array(rowBytes);

  for (let row = 0; row < rows; row++) {
    const base = row * rowBytes;
    if (base + rowBytes > bytes.byteLength) break;
    for (let i = base + spp; i < base + rowBytes; i++) {
      bytes[i] = ((bytes[i] ?? 0) + (bytes[i - spp] ?? 0)) & 0xff;
    }
    planes.set(bytes.subarray(base, base + rowBytes));
    for (let word = 0; word < wordsPerRow; word++) {
      for (let b = 0; b < bytesPerSample; b++) {
        bytes[base + word * bytesPerSample + b] = planes[b * wordsPerRow + word] ?? 0;
      }
    }
  }
}

/**
 * Undoes the predictor in place. Returns the byte order the samples must then be read in:
 * the file's for predictor 1/2, big-endian for predictor 3.
 */
export function undoPredictor(bytes: Uint8Array, layout: PredictorLayout): boolean {
  if (layout.predictor === 2) {
    undoHorizontal(bytes, layout);
    return layout.littleEndian;
  }
  if (layout.predictor === 3) {
    undoFloatingPoint(bytes, layout);
    return false;
  }
  return layout.littleEndian;
}
