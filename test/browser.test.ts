/**
 * The web page in a real browser (Debian chromium, WebGL through SwiftShader) against the
 * real backend: upload a Landsat 8 scene, retrieve split-window LST, and read the map
 * canvas to check that the overlay paints colormap colours inside the scene and leaves the
 * land colour outside it; the Retrieve panel offers only the methods the scene runs (the others
 * disabled with the server's reason), and a refused retrieval shows the server's reason beside
 * the button; the product panel shows the median; the legend shows kelvin and a click shows the
 * value at a point once, and the popup closes when another product is shown; after a reload the
 * scene's products are listed and can be shown again; a scene without B11 is not offered
 * split-window.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../backend/server.js';
import {
  clickAt,
  getJson,
  hexToRgb,
  nearestOnRamp,
  openBrowserSession,
  paintProperty,
  pointsInside,
  pointsOutside,
  RAMP_TOLERANCE,
  readMapPixels,
  rgbDistance,
  sampleRamp,
  SCENE_DIR,
  SCENE_FILES,
  VIEWPORT,
  waitForOverlayDrawn,
  type BrowserSession,
} from './helpers/browser.js';

/** The API's refusal of method level2 on a Level-1 scene (src/retrieval/lst-product.ts). */
const LEVEL2_ON_LEVEL1_MESSAGE =
  'level2 LST needs a Collection 2 Level-2 scene (ST_B10); this scene is Level-1: ' +
  'use method split-window, single-channel or rte';
/** The API's refusal of mono-window without an air temperature (src/retrieval). */
const MONO_WINDOW_MESSAGE =
  'mono-window LST needs airTemperatureKelvin, the near-surface air temperature within ' +
  '200-340 K (Qin et al. 2001); got undefined';
/** The API's refusal of split-window on the Level-1 scene uploaded without B11. */
const SPLIT_WINDOW_WITHOUT_B11_MESSAGE =
  'split-window LST needs bands B10, B11, B4, B5; the scene has B4, B5, B10';
const SCREENSHOT_PATH = path.join(tmpdir(), 'rskd-browser-refused-retrieval.png');

interface ColormapBody {
  name: string;
  stops: string[];
}
/** Whether each option of the method select is enabled, and its tooltip, by method id. */
async function methodOptions(
  page: Page,
): Promise<Record<string, { disabled: boolean; title: string }>> {
  return page.evaluate(() => {
    const select = document.querySelector<HTMLSelectElement>('#method-select')!;
    const options = [...select.options].map((option) => [
      option.value,
      { disabled: option.disabled, title: option.title },
    ]);
    return Object.fromEntries(options) as Record<string, { disabled: boolean; title: string }>;
  });
}

/** Waits until the method select shows what the server said about the selected scene. */
async function waitForMethodsOfSelectedScene(page: Page): Promise<string> {
  const sceneId = await page
    .locator('[data-testid="scene-item"].selected')
    .getAttribute('data-scene-id');
  await page.locator(`#method-select[data-scene-id="${sceneId}"]`).waitFor({ state: 'attached' });
  return sceneId!;
}

interface ProductBody {
  id: string;
  unit: string;
  stats: { min: number; max: number; median: number; p2: number; p98: number };
  bounds: [number, number, number, number];
}

describe('the web page in chromium', () => {
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let product: ProductBody;
  let singleChannelId: string;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ server, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the server message when an upload is refused', async () => {
    const mtlOnly = new FormData();
    const mtlPath = path.join(SCENE_DIR, 'l8_MTL.txt');
    mtlOnly.append('files', new Blob([await readFile(mtlPath)]), 'l8_MTL.txt');
    const refused = await fetch(server.url + '/api/scenes', { method: 'POST', body: mtlOnly });
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(refused.status).toBe(422);
    expect(body.error.code).toBe('INVALID_SCENE');

    await page.setInputFiles('#file-input', mtlPath);
    await page.click('#upload-button');
    const notice = page.locator('[data-testid="notice-text"]');
    await expect.poll(() => notice.textContent()).toContain(body.error.message);
    expect(await page.locator('#notice').getAttribute('data-kind')).toBe('error');
    expect(await page.locator('#notice-code').textContent()).toBe('INVALID_SCENE');
  });

  it('uploads the Landsat 8 files and lists the scene with its bands', async () => {
    await page.setInputFiles(
      '#file-input',
      SCENE_FILES.map((file) => path.join(SCENE_DIR, file)),
    );
    expect(await page.locator('#file-list li').count()).toBe(SCENE_FILES.length);
    await page.click('#upload-button');

    const item = page.locator('[data-testid="scene-item"].selected');
    await item.waitFor();
    expect(await item.textContent()).toContain('LC80200392015216LGN00');
    const bandNames = await page.locator('#scene-bands .band-name').allTextContents();
    expect(bandNames).toEqual(expect.arrayContaining(['B4', 'B5', 'B10', 'B11']));
    expect(await item.locator('.scene-date').textContent()).toMatch(
      /^uploaded \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
  });

  it('offers the methods the Level-1 scene runs and disables level2 with the server reason', async () => {
    await waitForMethodsOfSelectedScene(page);
    const options = await methodOptions(page);
    expect(options['level2']).toEqual({ disabled: true, title: LEVEL2_ON_LEVEL1_MESSAGE });
    expect(options['modis-split-window']?.disabled).toBe(true);
    expect(options['modis-split-window']?.title).toMatch(
      /^modis-split-window LST needs MODIS band 31 and 32/,
    );
    // rte and mono-window run once the panel's τ, L↑, L↓ or air temperature are given.
    for (const method of ['split-window', 'split-window-du2015', 'single-channel', 'rte']) {
      expect(options[method]?.disabled, method).toBe(false);
    }
    expect(options['mono-window']).toEqual({ disabled: false, title: MONO_WINDOW_MESSAGE });
    expect(await page.locator('#method-select').inputValue()).toBe('split-window');
    expect(await page.locator('#method-note').textContent()).toBe(
      '2 methods do not run on this scene (greyed out; hover one for the reason)',
    );
    expect(await page.locator('#retrieve-button').isEnabled()).toBe(true);
  });

  it('shows the reason beside the button when the API refuses mono-window without an air temperature', async () => {
    await page.selectOption('#method-select', 'mono-window');
    expect(await page.locator('#method-note').textContent()).toBe(MONO_WINDOW_MESSAGE);
    await page.click('#retrieve-button');
    const jobPanel = page.locator('#job-panel[data-state="failed"]');
    await jobPanel.waitFor();
    expect(await page.locator('#job-status').textContent()).toBe('LST (mono-window): failed');
    expect(await page.locator('#job-error-text').textContent()).toBe(MONO_WINDOW_MESSAGE);
    expect(await page.locator('#job-error-code').textContent()).toBe('INVALID_PARAMETER');
    expect(await page.locator('#notice-text').textContent()).toBe(
      `Retrieval failed: ${MONO_WINDOW_MESSAGE}`,
    );
    const reason = (await page.locator('#job-error').boundingBox())!;
    expect(reason.y).toBeGreaterThanOrEqual(0);
    expect(reason.y + reason.height).toBeLessThanOrEqual(VIEWPORT.height);
    await page.screenshot({ path: SCREENSHOT_PATH });
  });

  it('retrieves split-window LST and paints colormap colours inside the scene only', async () => {
    await page.selectOption('#method-select', 'split-window');
    await page.click('#retrieve-button');
    await page.waitForSelector('#job-panel[data-state="succeeded"]', { timeout: 60_000 });
    await waitForOverlayDrawn(page);

    const productId = await page.locator('#product-panel').getAttribute('data-product-id');
    product = await getJson<ProductBody>(`${server.url}/api/products/${productId}`);
    expect(product.unit).toBe('K');
    expect(await page.locator('#job-error').isHidden()).toBe(true);
    expect(await page.locator('#product-stats').textContent()).toContain(
      `Median${product.stats.median.toFixed(2)} K`,
    );

    await page.locator('#opacity-slider').fill('100');
    expect(await paintProperty(page, 'product-raster', 'raster-opacity')).toBe('1');
    await waitForOverlayDrawn(page);

    const colormaps = await getJson<ColormapBody[]>(`${server.url}/api/colormaps`);
    const inferno = colormaps.find((colormap) => colormap.name === 'inferno');
    expect(inferno, 'inferno in /api/colormaps').toBeDefined();
    const ramp = sampleRamp(inferno!.stops);
    const landRgb = hexToRgb(await paintProperty(page, 'land-fill', 'fill-color'));
    const oceanRgb = hexToRgb(await paintProperty(page, 'background', 'background-color'));

    const inside = await readMapPixels(page, pointsInside(product.bounds));
    for (const pixel of inside) {
      expect(nearestOnRamp(ramp, pixel).distance, `pixel ${pixel.join(',')}`).toBeLessThan(
        RAMP_TOLERANCE,
      );
      expect(rgbDistance(pixel, landRgb)).toBeGreaterThan(40);
      expect(rgbDistance(pixel, oceanRgb)).toBeGreaterThan(40);
    }

    const outside = await readMapPixels(page, await pointsOutside(page, product.bounds));
    for (const pixel of outside) {
      const baseDistance = Math.min(rgbDistance(pixel, landRgb), rgbDistance(pixel, oceanRgb));
      expect(baseDistance, `pixel ${pixel.join(',')}`).toBeLessThanOrEqual(3);
    }
  });

  it('shows the p2–p98 range in kelvin in the legend', async () => {
    const minText = await page.locator('#legend-min').textContent();
    const maxText = await page.locator('#legend-max').textContent();
    expect(minText).toBe(`${product.stats.p2.toFixed(1)} K`);
    expect(maxText).toBe(`${product.stats.p98.toFixed(1)} K`);
    expect(product.stats.p2).toBeGreaterThan(250);
    expect(product.stats.p98).toBeLessThan(340);
  });

  it('shows the LST at a clicked point in kelvin and Celsius', async () => {
    const clicked = await clickAt(page, pointsInside(product.bounds)[0]!);
    const query = `lon=${clicked[0].toFixed(6)}&lat=${clicked[1].toFixed(6)}`;
    const expected = await getJson<{ value: number; unit: string }>(
      `${server.url}/api/products/${product.id}/point?${query}`,
    );

    const value = page.locator('[data-testid="point-value"]');
    await expect.poll(() => value.textContent()).toMatch(/K \(/);
    const text = (await value.textContent())!;
    const [, kelvin, celsius] = /^(\d+\.\d{2}) K \((-?\d+\.\d{2}) °C\)$/.exec(text) ?? [];
    expect(expected.unit).toBe('K');
    expect(Number(kelvin)).toBeCloseTo(expected.value, 2);
    expect(Number(kelvin)).toBeGreaterThan(product.stats.min - 0.01);
    expect(Number(kelvin)).toBeLessThan(product.stats.max + 0.01);
    expect(Number(celsius)).toBeCloseTo(expected.value - 273.15, 2);
    expect(await page.locator('[data-testid="point-product"]').textContent()).toBe(
      'LST · split-window',
    );
    // The shown product's value is the headline only: the table lists bands, no product row.
    const popup = page.locator('[data-testid="point-popup"]');
    expect(await popup.locator('[data-testid="point-row"][data-kind="product"]').count()).toBe(0);
    expect(await popup.locator('[data-testid="point-row"][data-kind="band"]').count()).toBe(4);
    expect((await popup.textContent())!.split(text).length - 1).toBe(1);
  });

  it('closes the popup when another product is shown and names the new one in the next', async () => {
    await page.selectOption('#method-select', 'single-channel');
    await page.click('#retrieve-button');
    await page.waitForFunction(
      (oldId) => {
        const shown = document.querySelector<HTMLElement>('#product-panel')?.dataset['productId'];
        return shown !== undefined && shown !== oldId;
      },
      product.id,
      { timeout: 60_000 },
    );
    expect(await page.locator('[data-testid="point-popup"]').count()).toBe(0);
    singleChannelId = (await page.locator('#product-panel').getAttribute('data-product-id'))!;
    await waitForOverlayDrawn(page);

    const clicked = await clickAt(page, pointsInside(product.bounds)[1]!);
    const query = `lon=${clicked[0].toFixed(6)}&lat=${clicked[1].toFixed(6)}`;
    const expected = await getJson<{ value: number }>(
      `${server.url}/api/products/${singleChannelId}/point?${query}`,
    );
    const value = page.locator('[data-testid="point-value"]');
    await expect.poll(() => value.textContent()).toMatch(/K \(/);
    expect(await page.locator('[data-testid="point-product"]').textContent()).toBe(
      'LST · single-channel',
    );
    const kelvin = Number(/^(\d+\.\d{2}) K/.exec((await value.textContent())!)?.[1]);
    expect(Math.abs(kelvin - expected.value)).toBeLessThanOrEqual(0.01);
    // The other product is listed under the headline; the shown one is not repeated there.
    const productRows = page.locator('[data-testid="point-row"][data-kind="product"]');
    expect(await productRows.evaluateAll((rows) => rows.map((row) => row.dataset['name']))).toEqual(
      ['LST · split-window'],
    );

    const [beyondWest] = await pointsOutside(page, product.bounds);
    await clickAt(page, beyondWest!);
    await expect.poll(() => value.textContent()).toBe('Outside the scene');
  });

  it('fits the scene clear of the legend card', async () => {
    const overlap = await page.evaluate((box) => {
      const map = window.__rskd!.map;
      const [west, south, east, north] = box;
      const canvas = map.getCanvas().getBoundingClientRect();
      const legend = document.getElementById('legend')!.getBoundingClientRect();
      const topLeft = map.project([west, north]);
      const bottomRight = map.project([east, south]);
      const sceneRight = canvas.left + bottomRight.x;
      const sceneBottom = canvas.top + bottomRight.y;
      const inView = topLeft.x >= 0 && topLeft.y >= 0 && sceneBottom <= canvas.bottom;
      return { inView, clear: sceneRight < legend.left || sceneBottom < legend.top };
    }, product.bounds);
    expect(overlap).toEqual({ inView: true, clear: true });
  });

  it('lists the earlier products after a reload and shows one again with its legend', async () => {
    const plainDir = path.resolve('../shared/data/reported-faults');
    const plainName = 'b10_float32_half_nodata_4326.tif';
    const form = new FormData();
    form.append('files', new Blob([await readFile(path.join(plainDir, plainName))]), plainName);
    expect((await fetch(server.url + '/api/scenes', { method: 'POST', body: form })).status).toBe(
      201,
    );

    await page.reload();
    await page.waitForFunction(() => window.__rskd?.map.loaded() === true);
    const scenes = page.locator('[data-testid="scene-item"]');
    await expect.poll(() => scenes.count()).toBe(2);
    // A plain GeoTIFF has no Landsat scene id: it is listed by its file name.
    const plain = scenes.filter({ hasText: plainName });
    expect(await plain.count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await plain.locator('[data-testid="scene-delete"]').click();
    await expect.poll(() => scenes.count()).toBe(1);

    await scenes.click();
    const items = page.locator('[data-testid="product-item"]');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.locator('.product-method').allTextContents()).toEqual([
      'LST · single-channel',
      'LST · split-window',
    ]);
    const splitWindowItem = items.nth(1);
    expect(await splitWindowItem.textContent()).toContain(
      `p2–p98 ${product.stats.p2.toFixed(1)}–${product.stats.p98.toFixed(1)} K`,
    );
    expect(await splitWindowItem.textContent()).toMatch(/median \d{3}\.\d{2} K/);

    await splitWindowItem.click();
    await waitForOverlayDrawn(page);
    expect(await page.locator('#product-panel').getAttribute('data-product-id')).toBe(product.id);
    expect(await page.locator('#legend-min').textContent()).toBe(
      `${product.stats.p2.toFixed(1)} K`,
    );
    expect(await splitWindowItem.getAttribute('class')).toContain('selected');
    const tiles = await page.evaluate<string>(
      "String(window.__rskd.map.getSource('product').tiles[0])",
    );
    expect(tiles).toContain(`/api/products/${product.id}/tiles/`);
    expect(singleChannelId).not.toBe(product.id);
  });

  it('deleting the scene empties the list and removes the overlay and legend', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-testid="scene-delete"]');
    await page.locator('[data-testid="scene-item"]').waitFor({ state: 'detached' });

    expect(
      await page.evaluate(() => window.__rskd!.map.getLayer('product-raster')),
    ).toBeUndefined();
    expect(await page.locator('#legend').isHidden()).toBe(true);
    expect(await page.locator('#scene-list-empty').isVisible()).toBe(true);
    expect(await getJson<unknown[]>(`${server.url}/api/scenes`)).toEqual([]);
  });

  it('does not offer split-window on a Level-1 scene uploaded without B11', async () => {
    const withoutB11 = SCENE_FILES.filter((file) => file !== 'l8_B11.tif');
    await page.setInputFiles(
      '#file-input',
      withoutB11.map((file) => path.join(SCENE_DIR, file)),
    );
    await page.click('#upload-button');
    await page.locator('[data-testid="scene-item"].selected').waitFor();
    await page.selectOption('#product-select', 'lst');
    await waitForMethodsOfSelectedScene(page);

    const options = await methodOptions(page);
    expect(options['split-window']).toEqual({
      disabled: true,
      title: SPLIT_WINDOW_WITHOUT_B11_MESSAGE,
    });
    expect(options['split-window-du2015']?.disabled).toBe(true);
    expect(options['single-channel']?.disabled).toBe(false);
    // The default split-window is refused: the first method that runs is chosen instead.
    expect(await page.locator('#method-select').inputValue()).toBe('single-channel');
    expect(await page.locator('#retrieve-button').isEnabled()).toBe(true);
  });

  it('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
