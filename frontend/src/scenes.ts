/**
 * The scene list panel: every stored scene (named as {@link sceneLabel} says, with its upload
 * time, so two uploads of one scene can be told apart), the selected one's details (sensor,
 * CRS, size, warnings) and its bands. Selecting a scene is reported to the page, which fits
 * the map and lists the scene's products.
 */
import { deleteScene, listScenes, type SceneInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { formatDateTime } from './format.js';
import { sceneLabel } from './labels.js';
import type { Notices } from './notices.js';

/** Callbacks of the scene list. */
export interface SceneListHandlers {
  onSelect: (scene: SceneInfo) => void;
  onDeleted: (sceneId: string) => void;
}

function detailRow(term: string, value: string | HTMLElement): HTMLElement[] {
  const description = createElement('dd', '');
  description.append(value);
  return [createElement('dt', '', term), description];
}

/** Warning codes as badges; the message is the badge's tooltip. */
function warningBadges(warnings: SceneInfo['warnings']): HTMLElement {
  const badges = createElement('span', 'warning-badges');
  for (const warning of warnings) {
    const badge = createElement('span', 'warning-badge', warning.code);
    badge.title = warning.message;
    badges.append(badge);
  }
  return badges;
}

/** Controller of `#scene-list`, `#scene-details` and `#scene-bands`. */
export class SceneList {
  private readonly list = byId('scene-list', HTMLUListElement);
  private readonly empty = byId('scene-list-empty', HTMLElement);
  private readonly details = byId('scene-details', HTMLElement);
  private readonly detailList = byId('scene-meta', HTMLElement);
  private readonly bandBody = byId('scene-bands', HTMLTableSectionElement);
  private scenes: SceneInfo[] = [];
  private selectedId: string | null = null;

  constructor(
    private readonly notices: Notices,
    private readonly handlers: SceneListHandlers,
  ) {}

  /** Reloads the list from the server. */
  async refresh(): Promise<void> {
    try {
      this.scenes = await listScenes();
    } catch (cause) {
      this.notices.error('Could not list scenes', cause);
    }
    this.render();
  }

  /** Adds (or replaces) a scene and selects it. */
  addAndSelect(scene: SceneInfo): void {
    this.scenes = [scene, ...this.scenes.filter((known) => known.id !== scene.id)];
    this.select(scene.id);
  }

  /** The selected scene, if any. */
  selected(): SceneInfo | null {
    return this.scenes.find((scene) => scene.id === this.selectedId) ?? null;
  }

  /** Selects a scene by id: highlights it, shows its details and tells the page. */
  select(sceneId: string): void {
    const scene = this.scenes.find((known) => known.id === sceneId);
    if (scene === undefined) return;
    this.selectedId = sceneId;
    this.render();
    this.showDetails(scene);
    this.handlers.onSelect(scene);
  }

  private render(): void {
    this.empty.hidden = this.scenes.length > 0;
    this.list.replaceChildren(...this.scenes.map((scene) => this.sceneItem(scene)));
    if (this.selected() === null) this.details.hidden = true;
  }

  private sceneItem(scene: SceneInfo): HTMLLIElement {
    const item = createElement('li', 'scene-item');
    item.dataset['testid'] = 'scene-item';
    item.dataset['sceneId'] = scene.id;
    item.classList.toggle('selected', scene.id === this.selectedId);
    item.tabIndex = 0;
    item.title = `Scene ${scene.id}`;

    const label = createElement('div', 'scene-label');
    label.append(createElement('span', 'scene-sensor', scene.sensor));
    label.append(createElement('span', 'scene-id', sceneLabel(scene)));
    const level = scene.level ?? 'GeoTIFF';
    const bands = `${scene.bands.length} band${scene.bands.length === 1 ? '' : 's'}`;
    const summary = `${level} · ${bands} · ${scene.width}×${scene.height} px`;
    label.append(createElement('span', 'scene-summary', summary));
    // Two uploads of the same scene differ only in when they were made.
    const uploaded = `uploaded ${formatDateTime(scene.createdAt)}`;
    label.append(createElement('span', 'scene-date', uploaded));
    item.append(label);

    const remove = createElement('button', 'icon-button scene-delete', '×');
    remove.type = 'button';
    remove.title = 'Delete this scene and its products';
    remove.dataset['testid'] = 'scene-delete';
    remove.addEventListener('click', (event) => {
      event.stopPropagation();
      void this.remove(scene);
    });
    item.append(remove);

    item.addEventListener('click', () => this.select(scene.id));
    item.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') this.select(scene.id);
    });
    return item;
  }

  private showDetails(scene: SceneInfo): void {
    const [west, south, east, north] = scene.bounds;
    const crs =
      scene.crs.epsg === null ? scene.crs.name : `EPSG:${scene.crs.epsg} ${scene.crs.name}`;
    this.detailList.replaceChildren(
      ...detailRow('Scene', sceneLabel(scene)),
      ...detailRow(
        'Sensor',
        scene.level === null ? scene.sensor : `${scene.sensor} (${scene.level})`,
      ),
      ...detailRow('CRS', crs),
      ...detailRow('Size', `${scene.width} × ${scene.height} px`),
      ...detailRow(
        'Bounds',
        `${west.toFixed(3)}, ${south.toFixed(3)} → ${east.toFixed(3)}, ${north.toFixed(3)}`,
      ),
      ...(scene.warnings.length > 0 ? detailRow('Warnings', warningBadges(scene.warnings)) : []),
    );
    this.bandBody.replaceChildren(
      ...scene.bands.map((band) => {
        const row = createElement('tr', '');
        row.dataset['testid'] = 'band-row';
        row.append(createElement('td', 'band-name', band.name));
        row.append(createElement('td', '', band.description ?? '—'));
        row.append(createElement('td', 'band-file', band.fileName));
        return row;
      }),
    );
    this.details.hidden = false;
  }

  private async remove(scene: SceneInfo): Promise<void> {
    if (!window.confirm(`Delete scene ${sceneLabel(scene)} and its products?`)) return;
    try {
      await deleteScene(scene.id);
    } catch (cause) {
      this.notices.error('Delete failed', cause);
      return;
    }
    this.scenes = this.scenes.filter((known) => known.id !== scene.id);
    if (this.selectedId === scene.id) this.selectedId = null;
    this.render();
    this.handlers.onDeleted(scene.id);
  }
}
