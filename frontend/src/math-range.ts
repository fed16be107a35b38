/** The optional display range of a band-math layer, as typed in the panel's two inputs. */

/**
 * A user range from the min and max inputs: `[min, max]` when both are numbers and min < max,
 * null when both are blank (the server's p2–p98 is used), else the reason it is refused.
 */
export function parseRange(minText: string, maxText: string): [number, number] | null | string {
  if (minText.trim() === '' && maxText.trim() === '') return null;
  const rangeMin = Number(minText);
  const rangeMax = Number(maxText);
  if (minText.trim() === '' || maxText.trim() === '') return 'Give both min and max, or neither.';
  if (!Number.isFinite(rangeMin) || !Number.isFinite(rangeMax)) {
    return 'Min and max must be numbers.';
  }
  if (rangeMin >= rangeMax) return `Min (${rangeMin}) must be below max (${rangeMax}).`;
  return [rangeMin, rangeMax];
}
