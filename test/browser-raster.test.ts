/**
 * The raster tools of the web page in a real browser (Debian chromium) against the real
 * backend, on the shared Landsat 8 scene: a band-math NDVI layer paints colours of its colormap
 * inside the scene with the p2–p98 of its statistics in the legend and a histogram of as many
 * bars as asked; a bad expression shows the server's message beside the input; a click lists
 * every band at the point with the API's values; a GeoJSON zone file is outlined and its
 * statistics table shows the API's pixel count, with a CSV download; a refused zone file shows
 * the server's message; the LST product panel has its histogram, and zones follow the product.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../backend/server.js';
import {
  clickAt,
  getJson,
  nearestOnRamp,
  openBrowserSession,
  pointsInside,
  RAMP_TOLERANCE,
  readMapPixels,
  sampleRamp,
  uploadSceneThroughPage,
  waitForOverlayDrawn,
  type BrowserSession,
} from './helpers/browser.js';

const NDVI = '(B5-B4)/(B5+B4)';
const SCREENSHOT_PATH = path.join(tmpdir(), 'rskd-browser-band-math-zones.png');
/** Bars of the band-math and product histograms (frontend/src/band-math.ts, product.ts). */
const MATH_BINS = 24;
const PRODUCT_BINS = 32;
const MATH_LAYER = { layerId: 'band-math-raster', sourceId: 'band-math' };
/** A 0.04° square in the middle of the scene (about 18 800 pixels of 30 m). */
const CENTRE_ZONE = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'centre' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-87.42, 30.71],
            [-87.38, 30.71],
            [-87.38, 30.75],
            [-87.42, 30.75],
            [-87.42, 30.71],
          ],
        ],
      },
    },
  ],
};

interface StatisticsBody {
  name: string;
  p2: number;
  p98: number;
  histogram: { edges: number[]; counts: number[] };
}
interface ZonesBody {
  zones: { name: string; pixelCount: number; bands: Record<string, { count: number }> }[];
}
interface SceneBody {
  id: string;
  bounds: [number, number, number, number];
}

async function postJson<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Types an expression in the band-math panel and presses "Show". */
async function showExpression(page: Page, expression: string): Promise<void> {
  await page.fill('#math-expression', expression);
  await page.click('#math-show');
}

/** The data-count of every bar of a histogram container. */
function barCounts(page: Page, containerId: string): Promise<number[]> {
  return page
    .locator(`#${containerId} rect`)
    .evaluateAll((rects) => rects.map((rect) => Number((rect as SVGElement).dataset['count'])));
}

describe('band math, histograms, the inspector and zones in chromium', () => {
  let session: BrowserSession;
  let server: RunningServer;
  let page: Page;
  let scene: SceneBody;
  let zoneDir: string;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ server, page } = session);
    zoneDir = mkdtempSync(path.join(tmpdir(), 'rskd-browser-zones-'));
    writeFileSync(path.join(zoneDir, 'centre.geojson'), JSON.stringify(CENTRE_ZONE));
    writeFileSync(
      path.join(zoneDir, 'point.geojson'),
      JSON.stringify({ type: 'Point', coordinates: [-87.4, 30.73] }),
    );
    writeFileSync(path.join(zoneDir, 'broken.geojson'), '{"type": "FeatureCollection",');
    await uploadSceneThroughPage(page);
    const scenes = await getJson<SceneBody[]>(`${server.url}/api/scenes`);
    expect(scenes).toHaveLength(1);
    scene = scenes[0]!;
  });

  afterAll(async () => {
    await session?.close();
    if (zoneDir !== undefined) rmSync(zoneDir, { recursive: true, force: true });
  });

  it("shows the server's message beside the input for an unknown band or a syntax error", async () => {
    for (const expression of ['(B5-B9)/(B5+B9)', '(B5-']) {
      const query = new URLSearchParams({ expression });
      const refused = await fetch(`${server.url}/api/scenes/${scene.id}/statistics?${query}`);
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      expect(refused.status).toBe(400);

      await showExpression(page, expression);
      const text = page.locator('#math-error-text');
      await expect.poll(() => text.textContent()).toBe(error.message);
      expect(await page.locator('#math-error-code').textContent()).toBe('INVALID_PARAMETER');
      expect(await page.locator('#math-error').isVisible()).toBe(true);
    }
    expect(await page.evaluate(() => window.__rskd!.map.getLayer('band-math-raster'))).toBe(
      undefined,
    );
  });

  it('paints an NDVI layer in viridis inside the scene, with its p2–p98 in the legend', async () => {
    await page.selectOption('#math-colormap', 'viridis');
    await showExpression(page, NDVI);
    await waitForOverlayDrawn(page, MATH_LAYER);
    expect(await page.locator('#math-error').isHidden()).toBe(true);

    const query = new URLSearchParams({ expression: NDVI, bins: String(MATH_BINS) });
    const stats = await getJson<StatisticsBody>(
      `${server.url}/api/scenes/${scene.id}/statistics?${query}`,
    );
    expect(stats.p2).toBeGreaterThan(0.1);
    expect(stats.p98).toBeLessThan(0.5);
    const legend = page.locator('#math-legend');
    expect(await legend.getAttribute('data-range-min')).toBe(String(stats.p2));
    expect(await legend.getAttribute('data-range-max')).toBe(String(stats.p98));
    expect(await page.locator('#math-legend-title').textContent()).toBe(stats.name);
    const ticks = await page.locator('#math-legend-ticks span').allTextContents();
    expect(ticks[0]).toBe(String(Number(stats.p2.toPrecision(4))));
    expect(ticks[2]).toBe(String(Number(stats.p98.toPrecision(4))));

    const colormaps = await getJson<{ name: string; stops: string[] }[]>(
      `${server.url}/api/colormaps`,
    );
    const ramp = sampleRamp(colormaps.find((colormap) => colormap.name === 'viridis')!.stops);
    const pixels = await readMapPixels(page, pointsInside(scene.bounds));
    for (const pixel of pixels) {
      expect(nearestOnRamp(ramp, pixel).distance, `pixel ${pixel.join(',')}`).toBeLessThan(
        RAMP_TOLERANCE,
      );
    }
    const tiles = await page.evaluate<string>(
      "String(window.__rskd.map.getSource('band-math').tiles[0])",
    );
    expect(tiles).toContain(`rescale=${stats.p2}%2C${stats.p98}`);
  });

  it('draws the histogram of the expression with one bar per bin of the API', async () => {
    const query = new URLSearchParams({ expression: NDVI, bins: String(MATH_BINS) });
    const stats = await getJson<StatisticsBody>(
      `${server.url}/api/scenes/${scene.id}/statistics?${query}`,
    );
    expect(stats.histogram.counts).toHaveLength(MATH_BINS);
    expect(await page.locator('#math-histogram rect').count()).toBe(MATH_BINS);
    expect(await barCounts(page, 'math-histogram')).toEqual(stats.histogram.counts);
    expect(await page.locator('#math-histogram').getAttribute('data-bins')).toBe('24');
  });

  it('draws the layer over a typed range and shows that range in the legend', async () => {
    await page.fill('#math-min', '0');
    await page.fill('#math-max', '0.5');
    await page.click('#math-show');
    const legend = page.locator('#math-legend');
    await expect.poll(() => legend.getAttribute('data-range-max')).toBe('0.5');
    expect(await legend.getAttribute('data-range-min')).toBe('0');
    await waitForOverlayDrawn(page, MATH_LAYER);
    const tiles = await page.evaluate<string>(
      "String(window.__rskd.map.getSource('band-math').tiles[0])",
    );
    expect(tiles).toContain('rescale=0%2C0.5');

    await page.fill('#math-max', '');
    await page.click('#math-show');
    expect(await page.locator('#math-error-text').textContent()).toBe(
      'Give both min and max, or neither.',
    );
    await page.fill('#math-min', '');
    await showExpression(page, NDVI);
    await expect.poll(() => legend.getAttribute('data-range-max')).not.toBe('0.5');
    expect(await page.locator('#math-error').isHidden()).toBe(true);
  });

  it('lists every band and the expression at a clicked point with the API values', async () => {
    const clicked = await clickAt(page, pointsInside(scene.bounds)[0]!);
    const query = new URLSearchParams({
      lon: clicked[0].toFixed(6),
      lat: clicked[1].toFixed(6),
      expression: NDVI,
    });
    const expected = await getJson<{
      bands: { name: string; value: number; unit: string }[];
      expression: { expression: string; value: number };
    }>(`${server.url}/api/scenes/${scene.id}/point?${query}`);

    const rows = page.locator('[data-testid="point-row"]');
    await expect.poll(() => rows.count()).toBe(5);
    for (const band of expected.bands) {
      const row = page.locator(`[data-testid="point-row"][data-name="${band.name}"]`);
      expect(await row.locator('td').textContent()).toBe(`${band.value} DN`);
    }
    expect(expected.bands.map((band) => band.name)).toEqual(['B4', 'B5', 'B10', 'B11']);
    const mathRow = rows.filter({ has: page.locator('th') }).last();
    expect(await mathRow.getAttribute('data-kind')).toBe('expression');
    expect(Number(await mathRow.locator('td').textContent())).toBeCloseTo(
      expected.expression.value,
      5,
    );
    expect(await page.locator('[data-testid="point-product"]').textContent()).toBe('Scene bands');
    await page.locator('.maplibregl-popup-close-button').click();
  });

  it("outlines a zone file and tables its statistics with the API's pixel count", async () => {
    const api = await postJson<ZonesBody>(`${server.url}/api/scenes/${scene.id}/zonal-statistics`, {
      geojson: CENTRE_ZONE,
    });
    expect(api.status).toBe(200);
    const [zone] = api.body.zones;
    expect(zone!.pixelCount).toBeGreaterThan(18_000);

    await page.setInputFiles('#zones-file', path.join(zoneDir, 'centre.geojson'));
    const rows = page.locator('[data-testid="zone-row"]');
    await expect.poll(() => rows.count()).toBe(4);
    const b5 = page.locator('[data-testid="zone-row"][data-band="B5"]');
    expect(await b5.locator('.zone-name').textContent()).toBe('centre');
    expect(await b5.locator('.zone-pixels').textContent()).toBe(String(zone!.pixelCount));
    expect(await b5.locator('.zone-valid').textContent()).toBe(String(zone!.bands['B5']!.count));
    expect(
      await page.evaluate(() => {
        const data = window.__rskd!.map.querySourceFeatures('zones');
        return window.__rskd!.map.getLayer('zones-line') !== undefined && data.length > 0;
      }),
    ).toBe(true);

    const csvLink = page.locator('#zones-csv');
    await expect.poll(() => csvLink.getAttribute('href')).toMatch(/^blob:/);
    expect(await csvLink.getAttribute('download')).toBe('centre-scene-statistics.csv');
    const csv = await csvLink.evaluate((link) =>
      fetch((link as HTMLAnchorElement).href).then((response) => response.text()),
    );
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^zone_index,name,id,band,unit,pixel_count,/);
    expect(lines[2]).toContain(`"centre",,"B5","DN",${zone!.pixelCount},`);
    await page.locator('#zones-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT_PATH });
  });

  it("shows the server's message for a zone file that is not polygons, and names a non-JSON file", async () => {
    const geojson = { type: 'Point', coordinates: [-87.4, 30.73] };
    const refused = await postJson<{ error: { message: string } }>(
      `${server.url}/api/scenes/${scene.id}/zonal-statistics`,
      { geojson },
    );
    expect(refused.status).toBe(400);

    await page.setInputFiles('#zones-file', path.join(zoneDir, 'point.geojson'));
    const text = page.locator('#zones-error-text');
    await expect.poll(() => text.textContent()).toBe(refused.body.error.message);
    expect(await page.locator('#zones-result').isHidden()).toBe(true);

    await page.setInputFiles('#zones-file', path.join(zoneDir, 'broken.geojson'));
    await expect.poll(() => text.textContent()).toMatch(/^broken\.geojson: not JSON \(/);
  });

  it('shows the histogram of a retrieved LST product and zones over the product', async () => {
    await page.click('#math-hide');
    expect(await page.locator('#math-legend').isHidden()).toBe(true);
    await page.setInputFiles('#zones-file', path.join(zoneDir, 'centre.geojson'));
    await page.locator('[data-testid="zone-row"]').first().waitFor();

    await page.selectOption('#method-select', 'split-window');
    await page.click('#retrieve-button');
    await page.waitForSelector('#job-panel[data-state="succeeded"]', { timeout: 60_000 });
    const productId = (await page.locator('#product-panel').getAttribute('data-product-id'))!;
    const stats = await getJson<StatisticsBody>(
      `${server.url}/api/products/${productId}/statistics?bins=${PRODUCT_BINS}`,
    );
    const bars = page.locator('#product-histogram rect');
    await expect.poll(() => bars.count()).toBe(PRODUCT_BINS);
    expect(await barCounts(page, 'product-histogram')).toEqual(stats.histogram.counts);
    expect(await page.locator('#product-histogram .histogram-axis').textContent()).toContain(' K');

    const api = await postJson<ZonesBody>(
      `${server.url}/api/products/${productId}/zonal-statistics`,
      { geojson: CENTRE_ZONE },
    );
    const lstRow = page.locator('[data-testid="zone-row"][data-band="lst"]');
    await lstRow.waitFor();
    expect(await page.locator('#zones-target').inputValue()).toBe(`product:${productId}`);
    expect(await lstRow.locator('.zone-pixels').textContent()).toBe(
      String(api.body.zones[0]!.pixelCount),
    );
    expect(await page.locator('[data-testid="zone-row"]').count()).toBe(1);
  });

  it('raised no uncaught error in the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
