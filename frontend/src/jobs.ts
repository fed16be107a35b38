/**
 * Following a background job to its end: server-sent events from `/api/jobs/:id/events`,
 * falling back to polling `/api/jobs/:id` when the stream fails; and the progress bar that
 * shows it.
 */
import { getJob, jobEventsUrl, type JobInfo, type JobState } from './api.js';
import { byId } from './dom.js';

/** Interval between polls when the event stream is unavailable, in milliseconds. */
const POLL_INTERVAL_MS = 500;

const TERMINAL_STATES: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

/** True for `succeeded`, `failed` and `cancelled`. */
export function isTerminal(state: JobState): boolean {
  return TERMINAL_STATES.has(state);
}

async function pollJob(jobId: string, onUpdate: (job: JobInfo) => void): Promise<JobInfo> {
  for (;;) {
    const job = await getJob(jobId);
    onUpdate(job);
    if (isTerminal(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * Resolves with the job's final state (succeeded, failed or cancelled), calling `onUpdate`
 * with every state seen on the way. Rejects only when the job cannot be read at all.
 */
export function watchJob(jobId: string, onUpdate: (job: JobInfo) => void): Promise<JobInfo> {
  if (typeof EventSource === 'undefined') return pollJob(jobId, onUpdate);

  return new Promise((resolve, reject) => {
    const source = new EventSource(jobEventsUrl(jobId));
    let finished = false;
    const fallBackToPolling = (): void => {
      source.close();
      if (!finished) pollJob(jobId, onUpdate).then(resolve, reject);
      finished = true;
    };

    const onJobEvent = (event: MessageEvent<string>): void => {
      let job: JobInfo;
      try {
        job = JSON.parse(event.data) as JobInfo;
      } catch {
        fallBackToPolling();
        return;
      }
      onUpdate(job);
      if (isTerminal(job.state)) {
        finished = true;
        source.close();
        resolve(job);
      }
    };
    // The backend names its events `job`; unnamed `message` events are accepted too.
    source.addEventListener('job', onJobEvent);
    source.addEventListener('message', onJobEvent);
    source.onerror = fallBackToPolling;
  });
}

/** Why a job failed, as `GET /api/jobs/:id` reports it (`error.code`, `error.message`). */
export interface JobFailure {
  code: string;
  message: string;
}

/** Why a failed job failed: its own error, or a stand-in when the server gave none. */
export function jobFailureOf(job: JobInfo): JobFailure {
  return job.error ?? { code: 'JOB_FAILED', message: 'the job gave no reason' };
}

/** The job progress bar, its status line and the reason of a failure (`#job-panel`). */
export class JobProgress {
  private readonly panel = byId('job-panel', HTMLElement);
  private readonly bar = byId('job-progress', HTMLProgressElement);
  private readonly status = byId('job-status', HTMLElement);
  private readonly errorBox = byId('job-error', HTMLElement);
  private readonly errorText = byId('job-error-text', HTMLElement);
  private readonly errorCode = byId('job-error-code', HTMLElement);

  /** Shows the bar for a new job (and clears the previous job's failure). */
  start(label: string): void {
    this.panel.hidden = false;
    this.panel.scrollIntoView({ block: 'nearest' });
    this.panel.dataset['state'] = 'queued';
    this.bar.value = 0;
    this.status.textContent = `${label}: queued`;
    this.showFailure(null);
  }

  /**
   * Shows a job's state and progress; a failed job also shows its error message and code, and
   * the panel is scrolled into view.
   */
  update(label: string, job: JobInfo): void {
    const percent = Math.round(Math.min(1, Math.max(0, job.progress)) * 100);
    this.panel.dataset['state'] = job.state;
    this.bar.value = job.state === 'succeeded' ? 100 : percent;
    const detail = job.state === 'running' ? `running, ${percent} %` : job.state;
    this.status.textContent = `${label}: ${detail}`;
    if (job.state === 'failed') {
      this.showFailure(jobFailureOf(job));
    }
  }

  /**
   * Marks the job as failed before it could start (e.g. the request was refused with 400/422)
   * and shows why (the server's message and code), scrolling the panel into view.
   */
  fail(label: string, failure: JobFailure): void {
    this.panel.hidden = false;
    this.panel.dataset['state'] = 'failed';
    this.bar.value = 0;
    this.status.textContent = `${label}: failed`;
    this.showFailure(failure);
  }

  private showFailure(failure: JobFailure | null): void {
    this.errorText.textContent = failure?.message ?? '';
    this.errorCode.textContent = failure?.code ?? '';
    this.errorBox.hidden = failure === null;
    if (failure !== null) this.panel.scrollIntoView({ block: 'nearest' });
  }
}
