/**
 * The Retrieve panel in a real browser (Debian chromium) against the real backend, on the shared
 * Landsat 8 scene: it offers every product kind and, per kind, exactly the methods of the API's
 * OpenAPI document (`x-methods`) with the parameters each method reads; a mono-window request
 * without air temperature shows the server's refusal; NDVI and Du 2015 split-window LST are
 * retrieved through the page, the 202's resolved parameters and notes are shown under the
 * button, the product list names both with their units and each overlay paints its kind's
 * colormap (viridis for NDVI, inferno for kelvin) inside the scene.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../backend/server.js';
import {
  getJson,
  nearestOnRamp,
  openBrowserSession,
  pointsInside,
  RAMP_TOLERANCE,
  readMapPixels,
  uploadSceneThroughPage,
  waitForOverlayDrawn,
  type BrowserSession,
  type Rgb,
} from './helpers/browser.js';
import { getColormap } from '../src/rasters/colormaps.js';

const SCREENSHOT_PATH = path.join(tmpdir(), 'rskd-browser-retrieve-panel.png');

interface ProductBody {
  id: string;
  product: string;
  method: string;
  unit: string;
  stats: { median: number; p2: number; p98: number };
  bounds: [number, number, number, number];
}
interface OpenApiBody {
  components: { schemas: { ProductRequest: { 'x-methods': Record<string, string[]> } } };
}
interface SceneBody {
  id: string;
}

/**
 * The server's full 256-colour table of a colormap: its 11 legend stops, interpolated, are up to
 * 13 RGB units off viridis between stops.
 */
function colormapRamp(name: string): Rgb[] {
  const lut = getColormap(name);
  return Array.from({ length: lut.length / 3 }, (_, i): Rgb => [
    lut[i * 3]!,
    lut[i * 3 + 1]!,
    lut[i * 3 + 2]!,
  ]);
}

/** The values of a select's options. */
function optionValues(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(`${selector} option`)
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
}

/** The `data-parameter` names of the parameter rows shown for the chosen method. */
function shownParameters(page: Page): Promise<string[]> {
  return page
    .locator('#retrieve-parameters [data-parameter]')
    .evaluateAll((rows) =>
      rows
        .filter((row) => !(row as HTMLElement).hidden)
        .map((row) => row.getAttribute('data-parameter')!),
    );
}

/** Text of one resolved parameter under the button. */
function resolved(page: Page, name: string): Promise<string | null> {
  return page.locator(`#retrieve-resolved-parameters dd[data-parameter="${name}"]`).textContent();
}

describe('the Retrieve panel in chromium', () => {
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let sceneId: string;
  let ndvi: ProductBody;
  let du2015: ProductBody;

  /** Clicks Retrieve and waits until a product other than `previousId` is shown. */
  async function retrieveAndWait(previousId: string | null): Promise<ProductBody> {
    await page.click('#retrieve-button');
    await page.waitForFunction(
      (oldId) => {
        const shown = document.querySelector<HTMLElement>('#product-panel')?.dataset['productId'];
        return shown !== undefined && shown !== oldId;
      },
      previousId,
      { timeout: 60_000 },
    );
    const productId = await page.locator('#product-panel').getAttribute('data-product-id');
    return getJson<ProductBody>(`${server.url}/api/products/${productId}`);
  }

  /**
   * Asserts the overlay, made opaque so no basemap shows through, paints `colormapName` at five
   * points inside the scene: at least four on its colour table, every one within twice the
   * tolerance (a point on the edge of two raster pixels shows their blend, as MapLibre samples
   * tiles linearly), and most far from `otherName`'s table.
   */
  async function expectOverlayIn(
    colormapName: string,
    otherName: string,
    bounds: ProductBody['bounds'],
  ): Promise<void> {
    await page.locator('#opacity-slider').fill('100');
    await waitForOverlayDrawn(page);
    const ramp = colormapRamp(colormapName);
    const other = colormapRamp(otherName);
    const pixels = await readMapPixels(page, pointsInside(bounds));
    const distances = pixels.map((pixel) => nearestOnRamp(ramp, pixel).distance);
    const label = pixels.map((pixel) => pixel.join(',')).join(' ');
    expect(distances.filter((d) => d < RAMP_TOLERANCE).length, label).toBeGreaterThanOrEqual(4);
    expect(Math.max(...distances), label).toBeLessThan(2 * RAMP_TOLERANCE);
    const fromOther = pixels.map((pixel) => nearestOnRamp(other, pixel).distance);
    expect(fromOther.filter((d) => d > 40).length, label).toBeGreaterThanOrEqual(3);
  }

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ server, page } = session);
    await uploadSceneThroughPage(page);
    const scenes = await getJson<SceneBody[]>(`${server.url}/api/scenes`);
    sceneId = scenes[0]!.id;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('offers every product kind with exactly the methods of the OpenAPI document', async () => {
    const openapi = await getJson<OpenApiBody>(`${server.url}/api/openapi.json`);
    const methods = openapi.components.schemas.ProductRequest['x-methods'];
    expect(await optionValues(page, '#product-select')).toEqual(Object.keys(methods));
    expect(await page.locator('#product-select option').allTextContents()).toEqual([
      'LST (K)',
      'Emissivity (unitless)',
      'NDVI (unitless)',
      'Water vapour (g/cm2)',
      'Brightness temperature (K)',
    ]);
    for (const [kind, known] of Object.entries(methods)) {
      await page.selectOption('#product-select', kind);
      expect(await optionValues(page, '#method-select'), kind).toEqual(known);
    }
    expect(await page.locator('#method-select').inputValue()).toBe('k1k2');
    expect(await page.locator('#method-select option:checked').textContent()).toBe(
      'K1/K2 inversion (default)',
    );
    await page.selectOption('#product-select', 'lst');
    expect(await page.locator('#method-select').inputValue()).toBe('split-window');
  });

  it('shows the parameters each method reads, with the defaults the server applies', async () => {
    expect(await shownParameters(page)).toEqual(['waterVapourGcm2', 'emissivitySet', 'mask']);
    expect(await page.locator('#water-vapour-input').getAttribute('placeholder')).toBe(
      'default 2.0',
    );
    expect(await page.locator('#emissivity-set-select option:checked').textContent()).toBe(
      'skokovic-2014 (default)',
    );
    await page.selectOption('#method-select', 'mono-window');
    expect(await shownParameters(page)).toEqual([
      'airTemperatureKelvin',
      'waterVapourGcm2',
      'inversion',
      'emissivitySet',
      'mask',
    ]);
    expect(await page.locator('#inversion-select option:checked').textContent()).toBe(
      'k1k2 (default)',
    );
    await page.selectOption('#method-select', 'rte');
    expect(await shownParameters(page)).toEqual([
      'transmittance',
      'upwellingRadianceWm2SrUm',
      'downwellingRadianceWm2SrUm',
      'inversion',
      'emissivitySet',
      'mask',
    ]);
    await page.selectOption('#product-select', 'ndvi');
    expect(await shownParameters(page)).toEqual(['mask']);
  });

  it("shows the server's message when mono-window is asked without an air temperature", async () => {
    const direct = await fetch(`${server.url}/api/scenes/${sceneId}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'lst', method: 'mono-window' }),
    });
    const refusal = (await direct.json()) as { error: { code: string; message: string } };
    expect(direct.status).toBe(400);
    expect(refusal.error.message).toContain('mono-window LST needs airTemperatureKelvin');

    await page.selectOption('#product-select', 'lst');
    await page.selectOption('#method-select', 'mono-window');
    await page.click('#retrieve-button');
    await page.locator('#job-panel[data-state="failed"]').waitFor();
    expect(await page.locator('#job-status').textContent()).toBe('LST (mono-window): failed');
    expect(await page.locator('#job-error-text').textContent()).toBe(refusal.error.message);
    expect(await page.locator('#job-error-code').textContent()).toBe('INVALID_PARAMETER');
    expect(await page.locator('#retrieve-resolved').isHidden()).toBe(true);
  });

  it('retrieves NDVI, shows the resolved inputs and notes and paints it in viridis', async () => {
    await page.selectOption('#product-select', 'ndvi');
    ndvi = await retrieveAndWait(null);
    expect(ndvi).toMatchObject({ product: 'ndvi', method: 'ndvi', unit: 'unitless' });
    expect(ndvi.stats.median).toBeGreaterThan(0.3);
    expect(ndvi.stats.median).toBeLessThan(0.8);

    const box = page.locator('#retrieve-resolved');
    expect(await box.isVisible()).toBe(true);
    expect(await page.locator('#retrieve-resolved-title').textContent()).toBe(
      'NDVI · ndvi (unitless)',
    );
    expect(await resolved(page, 'inputs')).toBe('B4, B5');
    expect(await resolved(page, 'red')).toBe('B4');
    expect(await resolved(page, 'mask')).toBe('cloud, fill');
    expect(await page.locator('#retrieve-resolved-notes li').allTextContents()).toContain(
      'NDVI from top-of-atmosphere reflectance B4, B5 (no atmospheric correction)',
    );

    expect(await page.locator('#legend').getAttribute('data-colormap')).toBe('viridis');
    expect(await page.locator('#legend-title').textContent()).toBe('NDVI · ndvi (unitless)');
    expect(await page.locator('#legend-min').textContent()).toBe(ndvi.stats.p2.toFixed(2));
    expect(await page.locator('#legend-max').textContent()).toBe(ndvi.stats.p98.toFixed(2));
    await expectOverlayIn('viridis', 'inferno', ndvi.bounds);
  });

  it('retrieves Du 2015 split-window LST with the given water vapour and emissivity set', async () => {
    await page.selectOption('#product-select', 'lst');
    await page.selectOption('#method-select', 'split-window-du2015');
    expect(await shownParameters(page)).toEqual([
      'waterVapourSource',
      'waterVapourGcm2',
      'emissivitySet',
      'mask',
    ]);
    await page.locator('#water-vapour-input').fill('2.5');
    await page.selectOption('#emissivity-set-select', 'yu-2014');
    du2015 = await retrieveAndWait(ndvi.id);
    expect(du2015).toMatchObject({ product: 'lst', method: 'split-window-du2015', unit: 'K' });
    expect(du2015.stats.p2).toBeGreaterThan(250);
    expect(du2015.stats.p98).toBeLessThan(340);

    expect(await page.locator('#retrieve-resolved-title').textContent()).toBe(
      'LST · split-window-du2015 (K)',
    );
    expect(await resolved(page, 'waterVapourGcm2')).toBe('2.5');
    expect(await resolved(page, 'emissivitySet')).toBe('yu-2014');
    expect(await resolved(page, 'coefficients')).toBe('du-2015');
    expect(await resolved(page, 'inputs')).toBe('B10, B11, B4, B5');
    const notes = await page.locator('#retrieve-resolved-notes li').allTextContents();
    expect(notes.some((note) => note.includes('Du et al. 2015'))).toBe(true);
    await page.locator('#retrieve-panel').screenshot({ path: SCREENSHOT_PATH });

    expect(await page.locator('#legend').getAttribute('data-colormap')).toBe('inferno');
    expect(await page.locator('#legend-min').textContent()).toBe(`${du2015.stats.p2.toFixed(1)} K`);
    await expectOverlayIn('inferno', 'viridis', du2015.bounds);
  });

  it('lists both products with their units and shows NDVI again from the list', async () => {
    const items = page.locator('[data-testid="product-item"]');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.locator('.product-method').allTextContents()).toEqual([
      'LST · split-window-du2015',
      'NDVI · ndvi',
    ]);
    expect(await items.locator('[data-testid="product-unit"]').allTextContents()).toEqual([
      'K',
      'unitless',
    ]);
    const { median, p2, p98 } = ndvi.stats;
    expect(await items.nth(1).locator('.product-summary').textContent()).toBe(
      `median ${median.toFixed(2)} · p2–p98 ${p2.toFixed(2)}–${p98.toFixed(2)}`,
    );
    expect(await items.nth(0).locator('.product-summary').textContent()).toMatch(
      /^median \d{3}\.\d{2} K · p2–p98 \d{3}\.\d–\d{3}\.\d K$/,
    );

    await items.nth(1).click();
    expect(await page.locator('#product-panel').getAttribute('data-product-id')).toBe(ndvi.id);
    expect(await page.locator('#legend').getAttribute('data-colormap')).toBe('viridis');
    expect(await page.locator('#range-label').textContent()).toBe('Range (unitless)');
    await expectOverlayIn('viridis', 'inferno', ndvi.bounds);
  });

  it('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
