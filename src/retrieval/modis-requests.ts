/**
 * What a MODIS MOD11/MYD11 scene can give. Such a scene holds a retrieved product (LST_Day_1km,
 * QC_Day, Emis_31, Emis_32 as exported to GeoTIFF), not MOD021KM radiances: it has no MTL, no
 * band 31/32 brightness temperatures and no red/NIR bands, so only its own LST (`level2`) can be
 * computed. Other requests are refused with a reason worded for that scene type.
 */
import { MissingBandError } from '../errors.js';
import type { SceneDescription } from '../rasters/scene-types.js';
import { describeBands, sceneBandNames } from './scene-bands.js';

/** Product/method pairs a MOD11 scene answers itself (modis-split-window has its own refusal). */
const MODIS_OWN_REQUESTS: readonly string[] = ['lst/level2', 'lst/modis-split-window'];

/** True for a scene of the MODIS sensors (a MOD11/MYD11 product export). */
export function isModisScene(scene: SceneDescription): boolean {
  return scene.sensor === 'modis-terra' || scene.sensor === 'modis-aqua';
}

/** What a refused request needs from MODIS, by product: its words and band names. */
function modisNeeds(product: string): { text: string; required: string[] } {
  switch (product) {
    case 'emissivity':
      return {
        text: 'red and near-infrared reflectance (MOD09) or band 31/32 radiances (MOD021KM)',
        required: ['sur_refl_b01', 'sur_refl_b02', 'EV_1KM_Emissive_31', 'EV_1KM_Emissive_32'],
      };
    case 'ndvi':
      return {
        text: 'red and near-infrared reflectance (MOD09)',
        required: ['sur_refl_b01', 'sur_refl_b02'],
      };
    default:
      return {
        text: 'band 31/32 radiances (MOD021KM)',
        required: ['EV_1KM_Emissive_31', 'EV_1KM_Emissive_32'],
      };
  }
}

/**
 * The refusal of `product`/`method` on a MODIS scene, null when the scene is not MODIS or the
 * request is one it answers. The message names the scene type, what the request needs and what
 * the scene has, and points to `level2` (and, for emissivity, to the product's Emis_31/Emis_32).
 */
export function modisRequestRefusal(
  scene: SceneDescription,
  product: string,
  method: string,
): MissingBandError | null {
  if (!isModisScene(scene) || MODIS_OWN_REQUESTS.includes(`${product}/${method}`)) return null;
  const available = sceneBandNames(scene);
  const needs = modisNeeds(product);
  const what = product === method ? product : `${product} by ${method}`;
  const emissivityHint =
    product === 'emissivity' && available.some((name) => /^Emis_3[12]$/.test(name))
      ? "; its Emis_31/Emis_32 bands are the MOD11 product's own emissivity " +
        '(point query, band tiles)'
      : '';
  return new MissingBandError(
    `${what} needs MODIS ${needs.text}; this ${scene.sensor} scene is a MOD11 LST product ` +
      `(${describeBands(available)}), with no MTL: use product lst with method level2` +
      emissivityHint,
    { required: needs.required, available },
  );
}
