/**
 * The message strip at the top of the side panel: API errors shown with the server's own
 * message (and its code in small print), and short confirmations.
 */
import { ApiError } from './api.js';
import { byId } from './dom.js';

/** Shows and clears messages in the `#notice` element. */
export class Notices {
  private readonly box = byId('notice', HTMLElement);
  private readonly text = byId('notice-text', HTMLElement);
  private readonly code = byId('notice-code', HTMLElement);

  constructor() {
    byId('notice-close', HTMLButtonElement).addEventListener('click', () => this.clear());
  }

  /**
   * Shows an error; an {@link ApiError} shows its message and code, anything else its text.
   * The strip sits at the top of the side panel, which may be scrolled down to the control the
   * user just used, so it is scrolled into view unless `reveal` is false (for a caller that
   * shows the message beside that control and must keep it in view).
   */
  error(context: string, cause: unknown, { reveal = true }: { reveal?: boolean } = {}): void {
    const message = cause instanceof Error ? cause.message : String(cause);
    this.show('error', `${context}: ${message}`, cause instanceof ApiError ? cause.code : '');
    if (reveal) this.box.scrollIntoView({ block: 'nearest' });
  }

  /** Shows a short confirmation. */
  info(message: string): void {
    this.show('info', message, '');
  }

  /** Hides the message strip. */
  clear(): void {
    this.box.hidden = true;
    this.text.textContent = '';
    this.code.textContent = '';
  }

  private show(kind: 'error' | 'info', message: string, code: string): void {
    this.box.dataset['kind'] = kind;
    this.box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    this.text.textContent = message;
    this.code.textContent = code;
    this.box.hidden = false;
  }
}
