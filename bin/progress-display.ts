/**
 * Terminal progress of an experiment run: two cli-progress bars (cells, epochs of the current
 * cell) on a TTY, one pino JSON line per epoch and cell otherwise.
 */
import cliProgress from 'cli-progress';
import type { Logger } from 'pino';
import type { RunProgress } from '../src/models/experiments/runner.js';

/** A progress sink and its teardown. */
export interface ProgressDisplay {
  onProgress(event: RunProgress): void;
  stop(): void;
}

function barsDisplay(): ProgressDisplay {
  const bars = new cliProgress.MultiBar(
    {
      format: '{label} [{bar}] {value}/{total} {detail}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const cells = bars.create(1, 0, { label: 'cells ', detail: '' });
  const epochs = bars.create(1, 0, { label: 'epochs', detail: '' });
  return {
    onProgress: (event) => {
      if (event.kind === 'cell-start') {
        cells.setTotal(event.count);
        cells.update(event.index, { label: 'cells ', detail: event.key });
        epochs.update(0, { label: 'epochs', detail: '' });
      } else if (event.kind === 'epoch') {
        epochs.setTotal(event.report.epochs);
        const loss = event.report.validationLoss.toFixed(4);
        epochs.update(event.report.epoch + 1, {
          label: 'epochs',
          detail: `${event.stage} val ${loss}`,
        });
      } else {
        cells.update(event.index + 1, {
          label: 'cells ',
          detail: event.skipped ? `${event.key} (done before)` : event.key,
        });
      }
    },
    stop: () => bars.stop(),
  };
}

function logDisplay(logger: Logger): ProgressDisplay {
  return {
    onProgress: (event) => {
      if (event.kind === 'epoch') {
        const { epoch, epochs, trainLoss, validationLoss } = event.report;
        logger.info(
          {
            cell: event.key,
            stage: event.stage,
            epoch: epoch + 1,
            epochs,
            trainLoss,
            validationLoss,
          },
          'epoch',
        );
      } else if (event.kind === 'cell-done') {
        logger.info(
          { cell: event.key, done: event.index + 1, of: event.count, skipped: event.skipped },
          'cell finished',
        );
      }
    },
    stop: () => undefined,
  };
}

/** Bars when `tty`, pino lines otherwise. */
export function progressDisplay(tty: boolean, logger: Logger): ProgressDisplay {
  return tty ? barsDisplay() : logDisplay(logger);
}
