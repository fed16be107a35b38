/**
 * Hyper-parameter resolution shared by the method modules: defaults, unknown names and ranges.
 */
import { InvalidParameterError } from '../../errors.js';
import type { DistillationParams } from './types.js';

/** An inclusive numeric range a parameter must lie in. */
export interface ParamRange {
  min: number;
  max: number;
}

/**
 * The defaults overridden by `given`. Throws InvalidParameterError for a name the method does
 * not know, a non-finite value, or a value outside its `ranges` entry.
 */
export function resolveParams<T extends DistillationParams>(
  methodId: string,
  defaults: T,
  given: DistillationParams | undefined,
  ranges: Partial<Record<keyof T, ParamRange>> = {},
): T {
  const resolved: Record<string, number> = { ...defaults };
  for (const [name, value] of Object.entries(given ?? {})) {
    if (!(name in defaults)) {
      const known = Object.keys(defaults).join(', ');
      throw new InvalidParameterError(
        `${methodId}: unknown parameter "${name}" (known: ${known})`,
        { method: methodId, parameter: name, known: Object.keys(defaults) },
      );
    }
    resolved[name] = value;
  }
  for (const [name, value] of Object.entries(resolved)) {
    const range = ranges[name as keyof T];
    const outside = range !== undefined && (value < range.min || value > range.max);
    if (!Number.isFinite(value) || outside) {
      const allowed = range ? ` (allowed ${range.min}…${range.max})` : '';
      throw new InvalidParameterError(`${methodId}: ${name} = ${value} is invalid${allowed}`, {
        method: methodId,
        parameter: name,
        value,
        ...(range ? { min: range.min, max: range.max } : {}),
      });
    }
  }
  return resolved as T;
}

/** Throws InvalidParameterError when a method needing ground truth gets none. */
export function requireTensor<T>(methodId: string, name: string, value: T | undefined): T {
  if (value === undefined) {
    throw new InvalidParameterError(`${methodId} needs ${name} in the distillation context`, {
      method: methodId,
      missing: name,
    });
  }
  return value;
}
