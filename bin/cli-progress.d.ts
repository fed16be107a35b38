/** The subset of cli-progress 3.12 the rskd command uses (the package ships no types). */
declare module 'cli-progress' {
  export interface BarOptions {
    format?: string;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    stopOnComplete?: boolean;
  }
  export class SingleBar {
    update(value: number, payload?: Record<string, unknown>): void;
    setTotal(total: number): void;
    stop(): void;
  }
  export class MultiBar {
    constructor(options: BarOptions, preset?: unknown);
    create(total: number, start: number, payload?: Record<string, unknown>): SingleBar;
    remove(bar: SingleBar): boolean;
    stop(): void;
  }
  export const Presets: { shades_classic: unknown; shades_grey: unknown };
}
