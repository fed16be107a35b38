/**
 * The "Zones" panel: a GeoJSON file of polygons, outlined on the map, and the per-zone
 * statistics of the selected scene's bands or of the shown product (name, band, pixels, valid,
 * mean, min, max), with a "Download CSV" link to the same statistics as CSV (fetched by POST,
 * offered as a blob URL). A refused file shows the server's message beside the file input.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ApiError, type ProductInfo, type SceneInfo } from './api.js';
import { getZonalCsv, getZonalStatistics } from './api-zones.js';
import type { ZoneStatistics, ZoneTarget } from './api-zones.js';
import { byId, createElement } from './dom.js';
import { productLabel, sceneLabel } from './labels.js';
import { removeZones, showZones } from './map.js';
import { parseZoneFile, zoneOutlines } from './zone-geojson.js';

const targetValue = (target: ZoneTarget): string => `${target.kind}:${target.id}`;

function parseTargetValue(value: string): ZoneTarget | null {
  const [kind, id] = value.split(':', 2);
  if ((kind !== 'scene' && kind !== 'product') || id === undefined || id === '') return null;
  return { kind, id };
}

/**
 * The table rows of an answer: one per zone × band, in answer order; statistics to six
 * significant digits, the unit beside the band name.
 */
function zoneRows(zones: readonly ZoneStatistics[]): HTMLTableRowElement[] {
  return zones.flatMap((zone) =>
    Object.entries(zone.bands).map(([band, stats]) => {
      const row = createElement('tr', '');
      row.dataset['testid'] = 'zone-row';
      row.dataset['zoneIndex'] = String(zone.index);
      row.dataset['band'] = band;
      const unit = stats.unit === null || stats.unit === '' ? '' : ` (${stats.unit})`;
      const number = (value: number | null): string =>
        value === null ? '—' : String(Number(value.toPrecision(6)));
      const cells = [
        ['zone-name', zone.name ?? `#${zone.index}`],
        ['zone-band', band + unit],
        ['zone-pixels', String(zone.pixelCount)],
        ['zone-valid', String(stats.count)],
        ['zone-mean', number(stats.mean)],
        ['zone-min', number(stats.min)],
        ['zone-max', number(stats.max)],
      ] as const;
      for (const [className, text] of cells) row.append(createElement('td', className, text));
      return row;
    }),
  );
}

/** Controller of `#zones-panel`. */
export class ZonesPanel {
  private readonly targetSelect = byId('zones-target', HTMLSelectElement);
  private readonly fileInput = byId('zones-file', HTMLInputElement);
  private readonly clearButton = byId('zones-clear', HTMLButtonElement);
  private readonly status = byId('zones-status', HTMLElement);
  private readonly errorBox = byId('zones-error', HTMLElement);
  private readonly errorText = byId('zones-error-text', HTMLElement);
  private readonly errorCode = byId('zones-error-code', HTMLElement);
  private readonly result = byId('zones-result', HTMLElement);
  private readonly tableBody = byId('zones-table-body', HTMLTableSectionElement);
  private readonly csvLink = byId('zones-csv', HTMLAnchorElement);
  private scene: SceneInfo | null = null;
  private product: ProductInfo | null = null;
  private zones: { fileName: string; geojson: unknown } | null = null;
  private csvUrl: string | null = null;
  // Answers to an older file or target are dropped.
  private requestNumber = 0;

  constructor(private readonly map: MapLibreMap) {
    this.fileInput.addEventListener('change', () => void this.onFileChosen());
    this.targetSelect.addEventListener('change', () => void this.compute());
    this.clearButton.addEventListener('click', () => this.clear());
    this.renderTargets();
  }

  /** The selected scene (null: none, which clears the zones). */
  setScene(scene: SceneInfo | null): void {
    if (scene?.id === this.scene?.id) return;
    this.scene = scene;
    if (scene === null) this.clear();
    this.renderTargets();
    void this.compute();
  }

  /** The product on the map (null: none); it becomes the target when zones are loaded. */
  setProduct(product: ProductInfo | null): void {
    if (product?.id === this.product?.id) return;
    this.product = product;
    this.renderTargets();
    void this.compute();
  }

  /** Removes the zones: outlines, table, link and any error. */
  clear(): void {
    this.requestNumber += 1;
    this.zones = null;
    this.fileInput.value = '';
    removeZones(this.map);
    this.result.hidden = true;
    this.status.textContent = '';
    this.clearButton.disabled = true;
    this.showError(null);
    this.setCsv(null, '');
  }

  private renderTargets(): void {
    const options: HTMLOptionElement[] = [];
    if (this.product !== null && this.product.sceneId === this.scene?.id) {
      const target = { kind: 'product', id: this.product.id } as const;
      options.push(new Option(productLabel(this.product), targetValue(target)));
    }
    if (this.scene !== null) {
      const target = { kind: 'scene', id: this.scene.id } as const;
      options.push(new Option(`Bands of ${sceneLabel(this.scene)}`, targetValue(target)));
    }
    this.targetSelect.replaceChildren(...options);
    this.targetSelect.disabled = options.length === 0;
    this.fileInput.disabled = options.length === 0;
  }

  private async onFileChosen(): Promise<void> {
    const file = this.fileInput.files?.[0];
    if (file === undefined) return;
    this.showError(null);
    let geojson: unknown;
    try {
      geojson = parseZoneFile(file.name, await file.text());
    } catch (cause) {
      this.showError({ message: cause instanceof Error ? cause.message : String(cause) });
      return;
    }
    this.zones = { fileName: file.name, geojson };
    this.clearButton.disabled = false;
    const outlines = zoneOutlines(geojson);
    if (outlines === null) removeZones(this.map);
    else showZones(this.map, outlines);
    await this.compute();
  }

  /** Asks for the statistics (then the CSV) of the loaded zones over the chosen target. */
  private async compute(): Promise<void> {
    const zones = this.zones;
    const target = parseTargetValue(this.targetSelect.value);
    if (zones === null || target === null) return;
    const thisRequest = ++this.requestNumber;
    this.status.textContent = `Computing statistics of ${zones.fileName}…`;
    this.showError(null);
    try {
      const answer = await getZonalStatistics(target, zones.geojson);
      if (thisRequest !== this.requestNumber) return;
      this.tableBody.replaceChildren(...zoneRows(answer));
      this.result.hidden = false;
      const count = `${answer.length} zone${answer.length === 1 ? '' : 's'}`;
      this.status.textContent = `${zones.fileName}: ${count}`;
      const csv = await getZonalCsv(target, zones.geojson);
      if (thisRequest !== this.requestNumber) return;
      const baseName = zones.fileName.replace(/\.[^.]*$/, '');
      this.setCsv(csv, `${baseName}-${target.kind}-statistics.csv`);
    } catch (cause) {
      if (thisRequest !== this.requestNumber) return;
      this.result.hidden = true;
      this.status.textContent = '';
      const code = cause instanceof ApiError ? cause.code : '';
      this.showError({ message: cause instanceof Error ? cause.message : String(cause), code });
    }
  }

  private setCsv(csv: Blob | null, fileName: string): void {
    if (this.csvUrl !== null) URL.revokeObjectURL(this.csvUrl);
    this.csvUrl = csv === null ? null : URL.createObjectURL(csv);
    this.csvLink.hidden = this.csvUrl === null;
    this.csvLink.href = this.csvUrl ?? '#';
    this.csvLink.download = fileName;
  }

  private showError(error: { message: string; code?: string } | null): void {
    this.errorBox.hidden = error === null;
    this.errorText.textContent = error?.message ?? '';
    this.errorCode.textContent = error?.code ?? '';
  }
}
