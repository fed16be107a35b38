/**
 * The "Retrieve LST" panel: a method choice and a button that starts the retrieval job on
 * the selected scene, follows it on the progress bar and hands over the finished product.
 */
import {
  ApiError,
  getProduct,
  requestLst,
  type LstMethod,
  type ProductInfo,
  type SceneInfo,
} from './api.js';
import { byId } from './dom.js';
import { jobFailureOf, JobProgress, watchJob, type JobFailure } from './jobs.js';
import { sceneLabel } from './labels.js';
import type { Notices } from './notices.js';

const LST_METHODS: readonly LstMethod[] = ['split-window', 'single-channel', 'rte', 'level2'];

function isLstMethod(value: string): value is LstMethod {
  return (LST_METHODS as readonly string[]).includes(value);
}

/** The code and message of a refused request (an {@link ApiError}) or of any other error. */
function failureOf(cause: unknown): JobFailure {
  if (cause instanceof ApiError) return { code: cause.code, message: cause.message };
  return { code: '', message: cause instanceof Error ? cause.message : String(cause) };
}

/** Controller of `#method-select` and `#retrieve-button`. */
export class RetrievePanel {
  private readonly methodSelect = byId('method-select', HTMLSelectElement);
  private readonly button = byId('retrieve-button', HTMLButtonElement);
  private readonly sceneLabel = byId('retrieve-scene', HTMLElement);
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

  /** The scene the next retrieval runs on (null: none selected). */
  setScene(scene: SceneInfo | null): void {
    this.scene = scene;
    this.sceneLabel.textContent =
      scene === null ? 'No scene selected' : `Scene ${sceneLabel(scene)}`;
    this.button.disabled = scene === null || this.running;
  }

  private async retrieve(): Promise<void> {
    const scene = this.scene;
    const method = this.methodSelect.value;
    if (scene === null || !isLstMethod(method)) return;
    const label = `LST (${method})`;
    this.running = true;
    this.button.disabled = true;
    this.notices.clear();

    try {
      const jobId = await requestLst(scene.id, method);
      this.progress.start(label);
      const job = await watchJob(jobId, (update) => this.progress.update(label, update));
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
      this.button.disabled = this.scene === null;
    }
  }
}
