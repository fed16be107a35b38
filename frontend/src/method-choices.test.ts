import { describe, expect, it } from 'vitest';
import type { MethodAvailability, SceneMethods } from './api-methods.js';
import { chosenMethod, kindRefusal, methodChoices } from './method-choices.js';
import { productKind } from './product-catalog.js';

const lst = productKind('lst')!;
const waterVapour = productKind('water-vapour')!;

/** The reasons the server gives on the Level-1 scene LC80200392015216LGN00 without B11. */
const SPLIT_WINDOW_REASON =
  'split-window LST needs bands B10, B11, B4, B5; the scene has B4, B5, B10';
const MONO_WINDOW_REASON =
  'mono-window LST needs airTemperatureKelvin, the near-surface air temperature within ' +
  '200-340 K (Qin et al. 2001); got undefined';
const BAND_REASON =
  'waterVapourSource band needs the parameter waterVapourBand (a band of the scene)';

function refused(product: string, method: string, reason: string): MethodAvailability {
  return { product, method, status: 'unavailable', code: 'MISSING_BAND', reason };
}

function scene(...refusals: MethodAvailability[]): SceneMethods {
  const all = [lst, waterVapour].flatMap((kind) =>
    kind.methods.map(
      (method) =>
        refusals.find((entry) => entry.product === kind.kind && entry.method === method.id) ?? {
          product: kind.kind,
          method: method.id,
          status: 'available' as const,
        },
    ),
  );
  return { sceneId: 'scene-1', methods: all };
}

const WITHOUT_B11 = scene(
  refused('lst', 'split-window', SPLIT_WINDOW_REASON),
  refused('lst', 'split-window-du2015', SPLIT_WINDOW_REASON),
  {
    product: 'lst',
    method: 'mono-window',
    status: 'needs-parameters',
    needs: ['airTemperatureKelvin'],
    reason: MONO_WINDOW_REASON,
  },
  {
    product: 'water-vapour',
    method: 'band',
    status: 'needs-parameters',
    needs: ['waterVapourBand'],
    reason: BAND_REASON,
  },
);

describe('the methods the Retrieve panel offers on a scene', () => {
  it('offers every method while the server has not answered', () => {
    const choices = methodChoices(lst, null);
    expect(choices.map((choice) => choice.id)).toEqual(lst.methods.map((method) => method.id));
    expect(choices.every((choice) => choice.runnable && choice.reason === null)).toBe(true);
  });

  it('disables split-window on a scene without B11 with the server reason', () => {
    const choices = methodChoices(lst, WITHOUT_B11);
    expect(choices[0]).toEqual({
      id: 'split-window',
      runnable: false,
      reason: SPLIT_WINDOW_REASON,
    });
    expect(choices.find((choice) => choice.id === 'single-channel')).toEqual({
      id: 'single-channel',
      runnable: true,
      reason: null,
    });
  });

  it('offers mono-window, whose air temperature the panel has an input for, with the hint', () => {
    const monoWindow = methodChoices(lst, WITHOUT_B11).find(
      (choice) => choice.id === 'mono-window',
    );
    expect(monoWindow).toEqual({ id: 'mono-window', runnable: true, reason: MONO_WINDOW_REASON });
  });

  it('disables a method needing a parameter the panel has no input for, and says so', () => {
    const band = methodChoices(waterVapour, WITHOUT_B11).find((choice) => choice.id === 'band');
    expect(band?.runnable).toBe(false);
    expect(band?.reason).toBe(
      `${BAND_REASON} (this page has no input for waterVapourBand: use the API)`,
    );
  });

  it('disables a method the server does not list', () => {
    const choices = methodChoices(lst, { sceneId: 'scene-1', methods: [] });
    expect(choices[0]?.reason).toBe('the server does not offer this method');
    expect(kindRefusal(choices)).toBe('the server does not offer this method');
  });

  it('selects the first runnable method when the default or the previous one is refused', () => {
    const choices = methodChoices(lst, WITHOUT_B11);
    expect(chosenMethod(lst, choices, null)).toBe('single-channel');
    expect(chosenMethod(lst, choices, 'split-window')).toBe('single-channel');
    expect(chosenMethod(lst, choices, 'rte')).toBe('rte');
    expect(chosenMethod(waterVapour, methodChoices(waterVapour, WITHOUT_B11), null)).toBe(
      'covariance-ratio',
    );
    expect(kindRefusal(choices)).toBeNull();
  });
});
