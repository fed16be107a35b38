/**
 * Helpers of the browser tests: the backend on a temporary data directory with Debian chromium
 * (WebGL through SwiftShader) on the built page, colour comparisons against a colormap, and
 * map canvas reads and clicks at lon/lat positions.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { startServer, type RunningServer } from '../../backend/server.js';

/** Where Debian installs chromium (scripts/ensure-test-deps.sh). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** The built page; `npm run build:frontend` writes it. */
export const DIST_INDEX = path.resolve('frontend/dist/index.html');
/** The shared Landsat 8 Level-1 scene and the files of it the tests upload. */
export const SCENE_DIR = path.resolve('../shared/data/landsat-l1-thermal/LC80200392015216LGN00');
export const SCENE_FILES = ['l8_B4.tif', 'l8_B5.tif', 'l8_B10.tif', 'l8_B11.tif', 'l8_MTL.txt'];
/** The browser window size in CSS pixels. */
export const VIEWPORT = { width: 1280, height: 800 };
/** Largest RGB distance (0–441) for a pixel to count as a colour of the colormap. */
export const RAMP_TOLERANCE = 12;

export type Rgb = [number, number, number];
export type LonLat = [number, number];

declare global {
  interface Window {
    __rskd?: { map: MapLibreMap };
  }
}

/** A running backend and a browser page on it; `close` stops both and removes their files. */
export interface BrowserSession {
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  /** Messages of uncaught errors in the page. */
  pageErrors: string[];
  close: () => Promise<void>;
}

/**
 * Starts the backend on a fresh data directory and chromium on the built page, and waits for
 * the map to load. Fails with a message naming what is missing (the build, the shared scene,
 * chromium).
 */
export async function openBrowserSession(): Promise<BrowserSession> {
  if (!existsSync(DIST_INDEX)) {
    throw new Error(`${DIST_INDEX} is missing: run "npm run build:frontend" before this test`);
  }
  for (const file of SCENE_FILES) {
    if (!existsSync(path.join(SCENE_DIR, file))) {
      throw new Error(`test data ${path.join(SCENE_DIR, file)} is missing (../shared/data)`);
    }
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run scripts/ensure-test-deps.sh`);
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'rskd-browser-data-'));
  const profileDir = mkdtempSync(path.join(tmpdir(), 'rskd-browser-profile-'));
  const server = await startServer({ port: 0, dataDir, logLevel: 'error' });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: VIEWPORT,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url + '/');
  await page.waitForFunction(() => window.__rskd?.map.loaded() === true);

  const close = async (): Promise<void> => {
    await context.close();
    await server.close();
    for (const dir of [dataDir, profileDir]) rmSync(dir, { recursive: true, force: true });
  };
  return { server, context, page, pageErrors, close };
}

/** Uploads {@link SCENE_FILES} through the page's file input and waits for the scene to list. */
export async function uploadSceneThroughPage(page: Page): Promise<void> {
  await page.setInputFiles(
    '#file-input',
    SCENE_FILES.map((file) => path.join(SCENE_DIR, file)),
  );
  await page.click('#upload-button');
  await page.locator('[data-testid="scene-item"].selected').waitFor();
}

/** `#rrggbb` → RGB. */
export function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Euclidean distance of two RGB colours. */
export function rgbDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** The colormap sampled at 256 evenly spaced positions, interpolating between its stops. */
export function sampleRamp(stops: readonly string[]): Rgb[] {
  const colours = stops.map(hexToRgb);
  return Array.from({ length: 256 }, (_, i): Rgb => {
    const position = (i / 255) * (colours.length - 1);
    const low = colours[Math.floor(position)]!;
    const high = colours[Math.min(colours.length - 1, Math.floor(position) + 1)]!;
    const f = position - Math.floor(position);
    return [0, 1, 2].map((c) => low[c]! + (high[c]! - low[c]!) * f) as Rgb;
  });
}

/** Distance from a pixel to the nearest colour of the ramp, and that colour's position 0..1. */
export function nearestOnRamp(
  ramp: readonly Rgb[],
  pixel: Rgb,
): { distance: number; position: number } {
  let best = { distance: Infinity, position: 0 };
  ramp.forEach((colour, i) => {
    const distance = rgbDistance(colour, pixel);
    if (distance < best.distance) best = { distance, position: i / (ramp.length - 1) };
  });
  return best;
}

/** GETs a URL and parses its JSON body, expecting status 200. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, `GET ${url}`).toBe(200);
  return (await response.json()) as T;
}

/**
 * A paint property of a map layer, as text. The expression is passed as a string: typed
 * through MapLibre's full paint-value union, `page.evaluate` makes type-aware linting crawl.
 */
export function paintProperty(page: Page, layerId: string, name: string): Promise<string> {
  const expression = `String(window.__rskd.map.getPaintProperty(${JSON.stringify(layerId)}, ${JSON.stringify(name)}))`;
  return page.evaluate<string>(expression);
}

/**
 * Waits until a raster layer (default: the product overlay) is on the map and a frame with
 * all its tiles is drawn.
 */
export async function waitForOverlayDrawn(
  page: Page,
  layer = { layerId: 'product-raster', sourceId: 'product' },
): Promise<void> {
  await page.waitForFunction(({ layerId, sourceId }) => {
    const map = window.__rskd?.map;
    return map?.getLayer(layerId) !== undefined && map.isSourceLoaded(sourceId);
  }, layer);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__rskd!.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

/** Canvas pixels (RGB) at the screen positions of lon/lat points. */
export function readMapPixels(page: Page, points: readonly LonLat[]): Promise<Rgb[]> {
  return page.evaluate((lonLats) => {
    const map = window.__rskd!.map;
    const canvas = map.getCanvas();
    const scale = canvas.width / canvas.clientWidth;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    return lonLats.map((lonLat) => {
      const { x, y } = map.project(lonLat);
      const data = context.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
      return [data[0], data[1], data[2]] as [number, number, number];
    });
  }, points);
}

/** Points inside the scene: the centre and four points 30 % of the way to its edges. */
export function pointsInside(bounds: readonly number[]): LonLat[] {
  const [west, south, east, north] = bounds as [number, number, number, number];
  const lon = (west + east) / 2;
  const lat = (south + north) / 2;
  const dLon = (east - west) * 0.3;
  const dLat = (north - south) * 0.3;
  return [
    [lon, lat],
    [lon - dLon, lat],
    [lon + dLon, lat],
    [lon, lat - dLat],
    [lon, lat + dLat],
  ];
}

/** Points outside the scene but on screen: 40 screen pixels beyond each edge. */
export async function pointsOutside(page: Page, bounds: readonly number[]): Promise<LonLat[]> {
  return page.evaluate((box) => {
    const map = window.__rskd!.map;
    const [west, south, east, north] = box as [number, number, number, number];
    const centre = map.project([(west + east) / 2, (south + north) / 2]);
    const topLeft = map.project([west, north]);
    const bottomRight = map.project([east, south]);
    const screen = [
      [topLeft.x - 40, centre.y],
      [bottomRight.x + 40, centre.y],
      [centre.x, topLeft.y - 40],
      [centre.x, bottomRight.y + 40],
    ] as const;
    return screen.map(([x, y]) => map.unproject([x, y]).toArray());
  }, bounds);
}

/**
 * Clicks the map at a lon/lat, on the whole CSS pixel nearest to it (the browser reports mouse
 * positions in whole pixels); returns the lon/lat of the clicked pixel.
 */
export async function clickAt(page: Page, lonLat: LonLat): Promise<LonLat> {
  const screen = await page.evaluate((point) => window.__rskd!.map.project(point), lonLat);
  const box = (await page.locator('#map canvas').boundingBox())!;
  const x = Math.round(box.x + screen.x);
  const y = Math.round(box.y + screen.y);
  await page.mouse.click(x, y);
  return page.evaluate((point) => window.__rskd!.map.unproject([point.x, point.y]).toArray(), {
    x: x - box.x,
    y: y - box.y,
  });
}
