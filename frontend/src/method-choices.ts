/**
 * What the Retrieve panel offers on the selected scene: each method of the page's catalog joined
 * with the server's word on it (`GET /api/scenes/:id/methods`). A method the server accepts is
 * offered; one that needs parameters is offered when the panel has an input for each of them
 * (mono-window's air temperature, rte's τ, L↑, L↓), with the server's reason as a hint; any
 * other is offered disabled, its reason as the tooltip. Before the server has answered (or when
 * it could not), every method is offered and the POST's answer decides.
 */
import type { MethodAvailability, SceneMethods } from './api-methods.js';
import { initialMethod, type MethodEntry, type ProductKindEntry } from './product-catalog.js';

/** One method as the method select shows it. */
export interface MethodChoice {
  /** The API's method name. */
  id: string;
  /** Whether the panel can send a request the server accepts. */
  runnable: boolean;
  /** Why not (disabled), or what the request still needs (runnable); null: nothing to say. */
  reason: string | null;
}

/** The server's entry of a product × method, undefined when it did not list it. */
function entryOf(
  availability: SceneMethods,
  kind: string,
  method: string,
): MethodAvailability | undefined {
  return availability.methods.find((entry) => entry.product === kind && entry.method === method);
}

function choiceOf(method: MethodEntry, entry: MethodAvailability | undefined): MethodChoice {
  if (entry === undefined) {
    return { id: method.id, runnable: false, reason: 'the server does not offer this method' };
  }
  const reason = entry.reason ?? null;
  if (entry.status === 'available') return { id: method.id, runnable: true, reason: null };
  if (entry.status === 'unavailable') return { id: method.id, runnable: false, reason };

  const inputs: readonly string[] = method.parameters;
  const missing = (entry.needs ?? []).filter((name) => !inputs.includes(name));
  if (missing.length === 0) return { id: method.id, runnable: true, reason };
  const names = missing.join(', ');
  return {
    id: method.id,
    runnable: false,
    reason: `${reason ?? `needs ${names}`} (this page has no input for ${names}: use the API)`,
  };
}

/**
 * The methods of `kind` in the catalog's order with whether each runs on the scene
 * (`availability` null: not known, every method runnable).
 */
export function methodChoices(
  kind: ProductKindEntry,
  availability: SceneMethods | null,
): MethodChoice[] {
  if (availability === null) {
    return kind.methods.map((method) => ({ id: method.id, runnable: true, reason: null }));
  }
  return kind.methods.map((method) =>
    choiceOf(method, entryOf(availability, kind.kind, method.id)),
  );
}

/**
 * The method to select: `previous` if still runnable, else the kind's default, else its first
 * runnable method, else (nothing runs) the default or first method, shown disabled.
 */
export function chosenMethod(
  kind: ProductKindEntry,
  choices: readonly MethodChoice[],
  previous: string | null,
): string {
  const runnable = choices.filter((choice) => choice.runnable).map((choice) => choice.id);
  if (previous !== null && runnable.includes(previous)) return previous;
  const fallback = initialMethod(kind);
  if (runnable.includes(fallback)) return fallback;
  return runnable[0] ?? fallback;
}

/** Why no method of a kind runs (the first method's reason), null when one does. */
export function kindRefusal(choices: readonly MethodChoice[]): string | null {
  if (choices.some((choice) => choice.runnable)) return null;
  return choices[0]?.reason ?? 'no method of this product runs on this scene';
}
