/**
 * YCbCr → RGB for TIFF images with PhotometricInterpretation = 6 (YCbCr), as GDAL's GTiff
 * driver delivers them: JPEG-compressed YCbCr is returned as RGB (GDAL's JPEGCOLORMODE=RGB).
 *
 * Conversion: JFIF 1.02 (Hamilton, 1992, "Conversion to and from RGB"), i.e. ITU-R BT.601
 * full range with Cb/Cr centred on 128; TIFF 6.0 §21 (YCbCr images) and Adobe TIFF Technical
 * Note 2 (JPEG in TIFF: the JPEG stream carries YCbCr that the reader converts).
 */
import { UnsupportedRasterError } from '../errors.js';
import type { SampleType } from './types.js';

/** PhotometricInterpretation value of YCbCr images (TIFF 6.0 §21). */
export const PHOTOMETRIC_YCBCR = 6;

/** Compression value of "new-style" JPEG in TIFF (Adobe TIFF Technical Note 2). */
export const COMPRESSION_JPEG = 7;

/** JFIF 1.02 coefficients: R = Y + crToR·(Cr−128), G = Y + cbToG·(Cb−128) + crToG·(Cr−128), B = Y + cbToB·(Cb−128). */
const JFIF_COEFFICIENTS = {
  crToR: 1.402,
  cbToG: -0.344136,
  crToG: -0.714136,
  cbToB: 1.772,
  chromaCentre: 128,
} as const;

function clampByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}

/**
 * Converts chunky 8-bit Y,Cb,Cr triplets to R,G,B in place (JFIF 1.02 / BT.601 full range),
 * rounding to the nearest integer and clamping to 0..255. `pixelCount` triplets are converted
 * from the start of `bytes`; bytes beyond them are left untouched.
 */
export function ycbcrToRgbInPlace(bytes: Uint8Array, pixelCount: number): void {
  const { crToR, cbToG, crToG, cbToB, chromaCentre } = JFIF_COEFFICIENTS;
  const end = Math.min(pixelCount * 3, bytes.length - (bytes.length % 3));
  for (let i = 0; i < end; i += 3) {
    const luma = bytes[i] ?? 0;
    const cb = (bytes[i + 1] ?? chromaCentre) - chromaCentre;
    const cr = (bytes[i + 2] ?? chromaCentre) - chromaCentre;
    bytes[i] = clampByte(luma + crToR * cr);
    bytes[i + 1] = clampByte(luma + cbToG * cb + crToG * cr);
    bytes[i + 2] = clampByte(luma + cbToB * cb);
  }
}

/** What {@link ycbcrConversionOf} needs to know about one TIFF image. */
export interface YCbCrLayout {
  photometric: number;
  compression: number;
  samplesPerPixel: number;
  planarConfiguration: number;
  sampleType: SampleType;
  /** YCbCrSubSampling tag [horizontal, vertical]; TIFF 6.0 default [2, 2]. */
  subsampling: readonly number[] | undefined;
}

/**
 * Whether blocks of this image must be converted from YCbCr to RGB after decoding.
 * JPEG-compressed YCbCr is converted (the JPEG decoder upsamples the chroma itself). Non-JPEG
 * YCbCr is refused: subsampled data units (TIFF 6.0 §21) are not unpacked here, and even
 * without subsampling the ReferenceBlackWhite/YCbCrCoefficients tags would have to be honoured.
 * @throws UnsupportedRasterError for non-JPEG YCbCr, or YCbCr that is not 3 chunky uint8 samples.
 */
export function ycbcrConversionOf(layout: YCbCrLayout, fileName: string): boolean {
  if (layout.photometric !== PHOTOMETRIC_YCBCR) return false;
  const details = { file: fileName, photometric: layout.photometric };
  if (layout.compression !== COMPRESSION_JPEG) {
    const [h = 2, v = 2] = layout.subsampling ?? [];
    throw new UnsupportedRasterError(
      `${fileName}: YCbCr (PhotometricInterpretation 6) with compression ${layout.compression} ` +
        `and chroma subsampling ${h}×${v} is not supported; only JPEG-compressed YCbCr is ` +
        'converted to RGB',
      { ...details, compression: layout.compression, subsampling: [h, v] },
    );
  }
  if (
    layout.samplesPerPixel !== 3 ||
    layout.planarConfiguration === 2 ||
    layout.sampleType !== 'uint8'
  ) {
    throw new UnsupportedRasterError(
      `${fileName}: JPEG YCbCr needs 3 interleaved uint8 samples; found ` +
        `${layout.samplesPerPixel} ${layout.sampleType} samples, PlanarConfiguration ` +
        `${layout.planarConfiguration}`,
      { ...details, samplesPerPixel: layout.samplesPerPixel, sampleType: layout.sampleType },
    );
  }
  return true;
}
