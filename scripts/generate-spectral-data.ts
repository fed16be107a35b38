/**
 * Generates the committed spectral data modules of src/retrieval/spectral-data/ from
 * ../shared/data/thermal-spectral-reference (thermal-band responses and ECOSTRESS spectra), so
 * the platform never reads ../shared at run time.
 *
 * Usage: npx tsx scripts/generate-spectral-data.ts [referenceDir]
 *
 * - Landsat responses keep their own grids (0.01–0.05 µm; the ESPA brightness-temperature LUT
 *   was made on the native Landsat 8 B10 grid).
 * - MODIS responses (10 detectors each, 1 %–1 % in-band tables) are linearly interpolated onto a
 *   0.005 µm grid, zero outside each detector's table, and averaged over the detectors.
 * - Spectra are converted with Kirchhoff's law, ε = 1 − R/100 (the files give percent
 *   directional-hemispherical reflectance), and averaged in 0.02 µm bins over 7–14 µm.
 */
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import * as prettier from 'prettier';

const referenceDir = resolve(process.argv[2] ?? '../shared/data/thermal-spectral-reference');
const outputDir = resolve('src/retrieval/spectral-data');

type Table = { wavelengthsUm: number[]; values: number[] };

interface ResponseEntry {
  sensor: string;
  band: string;
  source: string;
  table: Table;
}

function numericRows(text: string, separator: RegExp): number[][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && /^[+-]?\d/.test(line))
    .map((line) => line.split(separator).map(Number));
}

function twoColumnTable(path: string, separator: RegExp = /[\s,]+/): Table {
  const rows = numericRows(readFileSync(path, 'utf8'), separator);
  return {
    wavelengthsUm: rows.map((row) => row[0] as number),
    values: rows.map((row) => row[1] as number),
  };
}

function interpolate(table: Table, wavelengthUm: number): number {
  const { wavelengthsUm: xs, values: ys } = table;
  const first = xs[0] as number;
  const last = xs[xs.length - 1] as number;
  if (wavelengthUm < first || wavelengthUm > last) return 0;
  let hi = 1;
  while (hi < xs.length - 1 && (xs[hi] as number) < wavelengthUm) hi++;
  const x0 = xs[hi - 1] as number;
  const x1 = xs[hi] as number;
  const t = x1 === x0 ? 0 : (wavelengthUm - x0) / (x1 - x0);
  return (ys[hi - 1] as number) * (1 - t) + (ys[hi] as number) * t;
}

function grid(startUm: number, endUm: number, stepUm: number): number[] {
  const count = Math.round((endUm - startUm) / stepUm) + 1;
  return Array.from({ length: count }, (_, i) => round(startUm + i * stepUm, 4));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Detector-averaged MODIS response: columns band, channel, wavelength, RSR. */
function modisTable(path: string, wavelengthScale: number): Table {
  const rows = numericRows(readFileSync(path, 'utf8'), /\s+/);
  const detectors = new Map<number, Table>();
  for (const row of rows) {
    const channel = row[1] as number;
    const table = detectors.get(channel) ?? { wavelengthsUm: [], values: [] };
    table.wavelengthsUm.push((row[2] as number) * wavelengthScale);
    table.values.push(row[3] as number);
    detectors.set(channel, table);
  }
  const all = [...detectors.values()];
  const minUm = Math.min(...all.map((t) => t.wavelengthsUm[0] as number));
  const maxUm = Math.max(...all.map((t) => t.wavelengthsUm[t.wavelengthsUm.length - 1] as number));
  const wavelengthsUm = grid(Math.floor(minUm * 200) / 200, Math.ceil(maxUm * 200) / 200, 0.005);
  const values = wavelengthsUm.map(
    (w) => all.reduce((sum, t) => sum + interpolate(t, w), 0) / all.length,
  );
  return { wavelengthsUm, values: values.map((v) => round(v, 5)) };
}

function responses(): ResponseEntry[] {
  const espa = 'ldj01/e-s-t provisional-st (fork of USGS EROS ESPA surface temperature)';
  const mcstTerra = 'NASA MCST MODIS PFM in-band RSR via pytroll/pyspectral, 10-detector mean';
  const mcstAqua = 'NASA MCST MODIS FM1 in-band RSR via pytroll/pyspectral, 10-detector mean';
  const l9 = 'NASA L9_TIRS2_Relative_Spectral_Responses.BA.v1.0.xlsx via Tristanovsk/GRSdriver';
  const at = (...parts: string[]): string => join(referenceDir, ...parts);
  const entries: ResponseEntry[] = [
    {
      sensor: 'landsat-5',
      band: 'B6',
      source: `${espa}, L5_Spectral_Response.txt`,
      table: twoColumnTable(at('srf/espa-st/L5_Spectral_Response.txt')),
    },
    {
      sensor: 'landsat-7',
      band: 'B6',
      source: `${espa}, L7_Spectral_Response.txt`,
      table: twoColumnTable(at('espa-st-static/L7_Spectral_Response.txt')),
    },
    {
      sensor: 'landsat-8',
      band: 'B10',
      source: `${espa}, L8_Spectral_Response.txt`,
      table: twoColumnTable(at('espa-st-static/L8_Spectral_Response.txt')),
    },
    {
      sensor: 'landsat-8',
      band: 'B11',
      source: `${espa}, L8_B11.rsp (NASA TIRS band average)`,
      table: twoColumnTable(at('srf/espa-st/L8_B11.rsp')),
    },
    {
      sensor: 'landsat-9',
      band: 'B10',
      source: `${l9}, sheet TIRS Band 10 BA RSR`,
      table: twoColumnTable(at('srf/grsdriver-landsat9/L9_TIRS2_B10_RSR.DERIVED.csv'), /,/),
    },
    {
      sensor: 'landsat-9',
      band: 'B11',
      source: `${l9}, sheet TIRS Band 11 BA RSR`,
      table: twoColumnTable(at('srf/grsdriver-landsat9/L9_TIRS2_B11_RSR.DERIVED.csv'), /,/),
    },
  ];
  for (const band of ['29', '31', '32']) {
    entries.push({
      sensor: 'modis-terra',
      band,
      source: `${mcstTerra}, rsr.${band}.inb.final`,
      table: modisTable(at(`srf/pyspectral-mcst/EOS-Terra/rsr.${band}.inb.final`), 1),
    });
    entries.push({
      sensor: 'modis-aqua',
      band,
      source: `${mcstAqua}, ${band}.tv.1pct.det`,
      table: modisTable(at(`srf/pyspectral-mcst/EOS-Aqua/${band}.tv.1pct.det`), 0.001),
    });
  }
  return entries;
}

interface SpectrumEntry {
  id: string;
  surfaceClass: string;
  name: string;
  table: Table;
}

/** ECOSTRESS spectrum as emissivity in 0.02 µm bins over 7–14 µm. */
function spectrum(path: string, fileName: string): SpectrumEntry {
  const text = readFileSync(path, 'latin1');
  const name = /^Name:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? fileName;
  const body = text
    .split(/\r?\n\s*\r?\n/)
    .slice(1)
    .join('\n');
  const rows = numericRows(body, /\s+/).filter((row) => row.length >= 2);
  const sorted = rows.slice().sort((a, b) => (a[0] as number) - (b[0] as number));
  const table: Table = {
    wavelengthsUm: sorted.map((r) => r[0] as number),
    values: sorted.map((r) => r[1] as number),
  };
  const wavelengthsUm = grid(7, 14, 0.02);
  const emissivity = wavelengthsUm.map((centre) => {
    const inBin = rows.filter((row) => Math.abs((row[0] as number) - centre) <= 0.01);
    const reflectancePercent =
      inBin.length > 0
        ? inBin.reduce((sum, row) => sum + (row[1] as number), 0) / inBin.length
        : interpolate(table, centre);
    return round(1 - reflectancePercent / 100, 4);
  });
  const id = fileName.replace(/\.spectrum\.txt$/, '');
  return {
    id,
    surfaceClass: id.split('.')[0] ?? 'unknown',
    name,
    table: { wavelengthsUm, values: emissivity },
  };
}

/** Writes a module formatted with the repository's Prettier settings. */
async function writeFormatted(filePath: string, text: string): Promise<void> {
  const options = (await prettier.resolveConfig(filePath)) ?? {};
  writeFileSync(filePath, await prettier.format(text, { ...options, filepath: filePath }));
}

function numberList(values: readonly number[]): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += 10)
    lines.push(`    ${values.slice(i, i + 10).join(', ')},`);
  return lines.join('\n');
}

async function writeResponses(entries: readonly ResponseEntry[]): Promise<void> {
  const items = entries.map(
    (e) => `  {
    sensor: '${e.sensor}',
    band: '${e.band}',
    source: '${e.source}',
    wavelengthsUm: [
${numberList(e.table.wavelengthsUm)}
    ],
    response: [
${numberList(e.table.values)}
    ],
  },`,
  );
  const text = `/**
 * Tabulated thermal-band relative spectral responses (GENERATED by
 * scripts/generate-spectral-data.ts from ../shared/data/thermal-spectral-reference/srf and
 * espa-st-static; see their PROVENANCE.md). Do not edit by hand: rerun the script.
 */
import type { TabulatedResponse } from './types.js';

/** Every tabulated response: Landsat 5/7/8/9 and MODIS Terra/Aqua bands 29, 31, 32. */
export const TABULATED_RESPONSES: readonly TabulatedResponse[] = [
${items.join('\n')}
];
`;
  await writeFormatted(join(outputDir, 'responses.ts'), text);
}

async function writeSpectra(entries: readonly SpectrumEntry[]): Promise<void> {
  const items = entries.map(
    (e) => `  {
    id: '${e.id}',
    surfaceClass: '${e.surfaceClass}',
    name: '${e.name.replace(/'/g, "\\'")}',
    wavelengthsUm: [
${numberList(e.table.wavelengthsUm)}
    ],
    emissivity: [
${numberList(e.table.values)}
    ],
  },`,
  );
  const text = `/**
 * ECOSTRESS spectral library entries as emissivity (ε = 1 − R/100) in 0.02 µm bins over 7–14 µm
 * (GENERATED by scripts/generate-spectral-data.ts from
 * ../shared/data/thermal-spectral-reference/ecostress-spectra; see its PROVENANCE.md). Source:
 * NASA JPL ASTER/ECOSTRESS Spectral Library (Baldridge et al. 2009; Meerdink et al. 2019), via
 * susanmeerdink/ASTER-Spectral-Library. Do not edit by hand: rerun the script.
 */
import type { TabulatedSpectrum } from './types.js';

/** The six ECOSTRESS spectra kept offline. */
export const ECOSTRESS_SPECTRA: readonly TabulatedSpectrum[] = [
${items.join('\n')}
];
`;
  await writeFormatted(join(outputDir, 'ecostress-spectra.ts'), text);
}

mkdirSync(outputDir, { recursive: true });
await writeResponses(responses());
const spectraDir = join(referenceDir, 'ecostress-spectra');
const spectra = readdirSync(spectraDir)
  .filter((name) => name.endsWith('.spectrum.txt'))
  .sort()
  .map((name) => spectrum(join(spectraDir, name), name));
await writeSpectra(spectra);
console.log(`wrote ${outputDir}/responses.ts and ecostress-spectra.ts (${spectra.length} spectra)`);
