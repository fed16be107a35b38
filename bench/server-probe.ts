/**
 * Child process of bench/tiles.ts: the real HTTP path and the memory bound. Starts the server
 * (backend/server.ts) on a loopback port with a fresh data directory, uploads one GeoTIFF as a
 * scene (upload → ingest → statistics), then requests every benchmark tile twice: the first
 * request renders it (cold, through the reader pool and the tile cache's miss path), the
 * second is answered from the tile cache. Prints one JSON line with the timings and the
 * process's peak resident set size after each phase.
 *
 * Usage: npx tsx bench/server-probe.ts RASTER.tif '{"tiles":[[z,x,y],…],"rescale":[lo,hi]}'
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { pino } from 'pino';

import { startServer } from '../backend/server.js';

interface ProbeSpec {
  tiles: [number, number, number][];
  rescale: [number, number];
}

function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function upload(baseUrl: string, rasterPath: string): Promise<{ id: string; band: string }> {
  const form = new FormData();
  form.append('files', await openAsBlob(rasterPath), path.basename(rasterPath));
  const response = await fetch(`${baseUrl}/api/scenes`, { method: 'POST', body: form });
  const body = (await response.json()) as { id?: string; bands?: { name: string }[] };
  const band = body.bands?.[0]?.name;
  if (response.status !== 201 || body.id === undefined || band === undefined) {
    throw new Error(`upload answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return { id: body.id, band };
}

async function timeTile(url: string): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { ms: performance.now() - start, status: response.status };
}

async function main(): Promise<void> {
  const [rasterPath, specText] = process.argv.slice(2);
  if (rasterPath === undefined || specText === undefined) {
    throw new Error('usage: server-probe.ts RASTER.tif SPEC_JSON');
  }
  const spec = JSON.parse(specText) as ProbeSpec;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rskd-bench-'));
  const server = await startServer({ port: 0, dataDir, logger: pino({ level: 'silent' }) });
  try {
    const rssStartMB = peakRssMB();
    const uploadStart = performance.now();
    const scene = await upload(server.url, rasterPath);
    const uploadMs = performance.now() - uploadStart;
    const rssAfterIngestMB = peakRssMB();

    const query = `colormap_name=inferno&rescale=${spec.rescale.join(',')}`;
    const base = `${server.url}/api/scenes/${scene.id}/bands/${scene.band}/tiles`;
    const urls = spec.tiles.map(([z, x, y]) => `${base}/${z}/${x}/${y}.png?${query}`);
    await timeTile(`${server.url}/api/health`);
    const coldMs: number[] = [];
    for (const url of urls) {
      const { ms, status } = await timeTile(url);
      if (status !== 200) throw new Error(`${url} answered ${status}`);
      coldMs.push(ms);
    }
    // Per tile, the fastest of three cached requests (external load only adds time).
    const cachedMs = urls.map(() => Infinity);
    for (let round = 0; round < 3; round++) {
      for (const [i, url] of urls.entries()) {
        cachedMs[i] = Math.min(cachedMs[i] ?? Infinity, (await timeTile(url)).ms);
      }
    }
    const statsResponse = await fetch(`${server.url}/api/scenes/${scene.id}`);
    const sceneBody = (await statsResponse.json()) as { bands?: { statistics?: unknown }[] };
    const statistics = sceneBody.bands?.[0]?.statistics ?? null;
    process.stdout.write(
      `${JSON.stringify({
        uploadMs,
        coldMs,
        cachedMs,
        statistics,
        rssStartMB,
        rssAfterIngestMB,
        rssPeakMB: peakRssMB(),
      })}\n`,
    );
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
