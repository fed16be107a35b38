/**
 * The upload panel: choose band GeoTIFFs and their MTL metadata, see what was chosen, and
 * send them as one scene.
 */
import { uploadScene, type SceneInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { formatBytes } from './format.js';
import { sceneLabel } from './labels.js';
import type { Notices } from './notices.js';

/** Wires the upload panel; `onUploaded` receives each scene the server accepted. */
export function setupUpload(notices: Notices, onUploaded: (scene: SceneInfo) => void): void {
  const input = byId('file-input', HTMLInputElement);
  const list = byId('file-list', HTMLUListElement);
  const button = byId('upload-button', HTMLButtonElement);

  const chosenFiles = (): File[] => Array.from(input.files ?? []);

  input.addEventListener('change', () => {
    const files = chosenFiles();
    list.replaceChildren(
      ...files.map((file) => {
        const item = createElement('li', 'file-item');
        item.append(createElement('span', 'file-name', file.name));
        item.append(createElement('span', 'file-size', formatBytes(file.size)));
        return item;
      }),
    );
    button.disabled = files.length === 0;
  });

  button.addEventListener('click', () => {
    const files = chosenFiles();
    if (files.length === 0) return;
    button.disabled = true;
    button.textContent = 'Uploading…';
    notices.clear();

    uploadScene(files)
      .then((scene) => {
        input.value = '';
        list.replaceChildren();
        notices.info(
          `Scene ${sceneLabel(scene)} uploaded: ${scene.sensor}, ${scene.bands.length} bands.`,
        );
        onUploaded(scene);
      })
      .catch((cause: unknown) => {
        button.disabled = false;
        notices.error('Upload failed', cause);
      })
      .finally(() => {
        button.textContent = 'Upload scene';
      });
  });
}
