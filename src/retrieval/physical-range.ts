/**
 * Hard physical limits of the stored products. Values a retrieval can produce where its model
 * breaks down (a negative kelvin temperature from a ψ correction far outside its water-vapour
 * range, an emissivity above 1 from a network) are stored as noData and counted in the notes,
 * rather than written as numbers. The softer Earth range of LST (175–345 K) is only counted
 * (earthRangeNote in lst-product.ts).
 */

/** The open/closed interval a product's values must lie in to be stored. */
export interface PhysicalRange {
  /** Values at or below this are not physical. */
  exclusiveMin: number;
  /** Values above this are not physical (Infinity when unbounded). */
  inclusiveMax: number;
  /** Unit and wording for the notes. */
  describe: { below: string; above: string };
}

/**
 * Temperatures in kelvin are above absolute zero; emissivity is in (0, 1] by definition (the
 * ratio of a body's emission to a blackbody's at the same temperature, Kirchhoff's law).
 */
export const PHYSICAL_RANGES: Readonly<Record<string, PhysicalRange>> = {
  lst: {
    exclusiveMin: 0,
    inclusiveMax: Number.POSITIVE_INFINITY,
    describe: { below: 'at or below 0 K', above: '' },
  },
  'brightness-temperature': {
    exclusiveMin: 0,
    inclusiveMax: Number.POSITIVE_INFINITY,
    describe: { below: 'at or below 0 K', above: '' },
  },
  emissivity: {
    exclusiveMin: 0,
    inclusiveMax: 1,
    describe: { below: 'at or below 0', above: 'above 1 (emissivity is at most 1)' },
  },
};

/** Counts of the pixels {@link enforcePhysicalRange} turned into noData. */
export interface RangeCounts {
  below: number;
  above: number;
  /** ±Infinity values. */
  infinite: number;
}

/**
 * Sets every value of `data` outside the product's physical range (and ±Infinity) to NaN, in
 * place; returns the counts. Products without a range (ndvi, water-vapour) only lose ±Infinity.
 */
export function enforcePhysicalRange(product: string, data: Float32Array): RangeCounts {
  const range = PHYSICAL_RANGES[product];
  const low = range?.exclusiveMin ?? Number.NEGATIVE_INFINITY;
  const high = range?.inclusiveMax ?? Number.POSITIVE_INFINITY;
  const counts: RangeCounts = { below: 0, above: 0, infinite: 0 };
  for (let i = 0; i < data.length; i++) {
    const value = data[i] as number;
    if (Number.isNaN(value)) continue;
    if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) {
      counts.infinite++;
    } else if (value <= low) {
      counts.below++;
    } else if (value > high) {
      counts.above++;
    } else {
      continue;
    }
    data[i] = Number.NaN;
  }
  return counts;
}

/** The notes of {@link enforcePhysicalRange}'s counts ("3315 pixels at or below 0 K stored…"). */
export function physicalRangeNotes(product: string, counts: RangeCounts): string[] {
  const range = PHYSICAL_RANGES[product];
  const notes: string[] = [];
  if (counts.below > 0 && range !== undefined) {
    notes.push(`${counts.below} pixels ${range.describe.below} stored as noData (not physical)`);
  }
  if (counts.above > 0 && range !== undefined) {
    notes.push(`${counts.above} pixels ${range.describe.above} stored as noData`);
  }
  if (counts.infinite > 0) {
    notes.push(`${counts.infinite} pixels with an infinite value stored as noData`);
  }
  return notes;
}

/** Enforces the range on `data` in place and returns its notes. */
export function storablePhysicalValues(product: string, data: Float32Array): string[] {
  return physicalRangeNotes(product, enforcePhysicalRange(product, data));
}
