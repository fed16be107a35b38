/**
 * The Retrieve panel: a product and method choice with the parameters that method reads
 * ({@link RetrieveForm}), and a button that requests the product on the selected scene, shows
 * what the server resolved (method, unit, parameters with defaults, bands read, notes), follows
 * the job on the progress bar and hands over the finished product. A refusal (400/422) shows the
 * server's message beside the button. On selecting a scene it asks the server which methods the
 * scene runs, so the form offers only those (the others disabled with the server's reason).
 */
import { getSceneMethods } from './api-methods.js';
import { requestProduct, type ProductAccepted } from './api-products.js';
import { ApiError, getProduct, type ProductInfo, type SceneInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { jobFailureOf, JobProgress, watchJob, type JobFailure } from './jobs.js';
import { kindLabel, sceneLabel } from './labels.js';
import type { Notices } from './notices.js';
import { RetrieveForm } from './retrieve-form.js';
import { buildProductRequest, formatResolvedValue, FormInputError } from './retrieve-request.js';

/** The code and message of a refused request (an {@link ApiError}) or of any other error. */
function failureOf(cause: unknown): JobFailure {
  if (cause instanceof ApiError) return { code: cause.code, message: cause.message };
  if (cause instanceof FormInputError) return { code: 'INVALID_INPUT', message: cause.message };
  return { code: '', message: cause instanceof Error ? cause.message : String(cause) };
}

function resolvedRow(term: string, text: string): HTMLElement[] {
  const value = createElement('dd', '', text);
  value.dataset['parameter'] = term;
  return [createElement('dt', '', term), value];
}

/** Controller of `#retrieve-panel`. */
export class RetrievePanel {
  private readonly form = new RetrieveForm(() => this.updateButton());
  private readonly button = byId('retrieve-button', HTMLButtonElement);
  private readonly sceneLabel = byId('retrieve-scene', HTMLElement);
  private readonly resolvedBox = byId('retrieve-resolved', HTMLElement);
  private readonly resolvedTitle = byId('retrieve-resolved-title', HTMLElement);
  private readonly resolvedParameters = byId('retrieve-resolved-parameters', HTMLElement);
  private readonly resolvedNotes = byId('retrieve-resolved-notes', HTMLUListElement);
  private readonly progress = new JobProgress();
  private scene: SceneInfo | null = null;
  private running = false;

  constructor(
    private readonly notices: Notices,
    private readonly onProduct: (product: ProductInfo) => void,
  ) {
    this.button.addEventListener('click', () => void this.retrieve());
    this.setScene(null);
  }

  /** The scene the next retrieval runs on (null: none selected); loads what it can run. */
  setScene(scene: SceneInfo | null): void {
    const changed = scene?.id !== this.scene?.id;
    this.scene = scene;
    this.form.setScene(scene);
    this.sceneLabel.textContent =
      scene === null ? 'No scene selected' : `Scene ${sceneLabel(scene)}`;
    if (changed) this.form.setAvailability(null);
    this.updateButton();
    if (changed && scene !== null) void this.loadAvailability(scene.id);
  }

  /** Asks which methods the scene runs; an answer for a scene no longer selected is dropped. */
  private async loadAvailability(sceneId: string): Promise<void> {
    try {
      const availability = await getSceneMethods(sceneId);
      if (this.scene?.id === sceneId) this.form.setAvailability(availability);
    } catch (cause) {
      // Every method stays offered; the POST's answer then says what the scene cannot run.
      if (this.scene?.id === sceneId) this.notices.error('Could not load the scene methods', cause);
    }
  }

  private updateButton(): void {
    this.button.disabled = this.scene === null || this.running || !this.form.runnable();
  }

  private async retrieve(): Promise<void> {
    const scene = this.scene;
    if (scene === null) return;
    const values = this.form.values();
    const label = `${kindLabel(values.product)} (${values.method})`;
    this.running = true;
    this.button.disabled = true;
    this.notices.clear();
    this.showResolved(null);

    try {
      const accepted = await requestProduct(scene.id, buildProductRequest(values));
      this.showResolved(accepted);
      this.progress.start(label);
      const job = await watchJob(accepted.jobId, (update) => this.progress.update(label, update));
      if (job.state === 'succeeded' && job.result !== undefined) {
        this.onProduct(await getProduct(job.result.productId));
      } else if (job.state === 'failed') {
        const error = jobFailureOf(job);
        const cause = new ApiError(0, error.code, error.message);
        this.notices.error('Retrieval failed', cause, { reveal: false });
      }
    } catch (cause) {
      // The job panel beside the button shows the reason too and stays in view.
      this.notices.error('Retrieval failed', cause, { reveal: false });
      this.progress.fail(label, failureOf(cause));
    } finally {
      this.running = false;
      this.updateButton();
    }
  }

  /** Shows the 202's resolved method, unit, parameters, bands and notes (null: hides them). */
  private showResolved(accepted: ProductAccepted | null): void {
    this.resolvedBox.hidden = accepted === null;
    if (accepted === null) {
      this.resolvedParameters.replaceChildren();
      this.resolvedNotes.replaceChildren();
      return;
    }
    const unit = accepted.unit === '' ? '' : ` (${accepted.unit})`;
    this.resolvedTitle.textContent = `${kindLabel(accepted.product)} · ${accepted.method}${unit}`;
    this.resolvedBox.dataset['product'] = accepted.product;
    this.resolvedBox.dataset['method'] = accepted.method;
    this.resolvedParameters.replaceChildren(
      ...Object.entries(accepted.parameters).flatMap(([name, value]) =>
        resolvedRow(name, formatResolvedValue(value)),
      ),
      ...resolvedRow('inputs', formatResolvedValue(accepted.inputs)),
    );
    this.resolvedNotes.replaceChildren(
      ...accepted.notes.map((note) => createElement('li', '', note)),
    );
  }
}
