/**
 * The band-math legend card over the map (`#math-legend`): the expression as the server
 * wrote it, and either the colormap as a gradient with the display range (continuous) or one
 * swatch per class (categorical).
 */
import type { ColormapInfo } from './api.js';
import { byId, createElement } from './dom.js';
import { formatEdge } from './histogram.js';

/** What the band-math layer shows: its name, colormap and display range. */
export interface MathLegendContent {
  /** The expression in canonical form (`((B5 - B4) / (B5 + B4))`). */
  title: string;
  colormap: ColormapInfo;
  rangeMin: number;
  rangeMax: number;
}

/** Controller of `#math-legend`. */
export class MathLegend {
  private readonly card = byId('math-legend', HTMLElement);
  private readonly title = byId('math-legend-title', HTMLElement);
  private readonly bar = byId('math-legend-gradient', HTMLElement);
  private readonly ticks = byId('math-legend-ticks', HTMLElement);
  private readonly classes = byId('math-legend-classes', HTMLUListElement);

  /** Shows the card for a band-math layer. */
  show(content: MathLegendContent): void {
    const { colormap, rangeMin, rangeMax } = content;
    this.title.textContent = content.title;
    const categorical = colormap.classes !== undefined;
    this.bar.hidden = categorical;
    this.ticks.hidden = categorical;
    this.classes.hidden = !categorical;
    if (colormap.classes !== undefined) {
      this.classes.replaceChildren(
        ...colormap.classes.map((entry) => {
          const item = createElement('li', 'legend-class');
          const swatch = createElement('span', 'legend-swatch');
          swatch.style.background = entry.color;
          item.append(swatch, `${entry.value} ${entry.label}`);
          return item;
        }),
      );
    } else {
      this.bar.style.background = `linear-gradient(to right, ${colormap.stops.join(', ')})`;
      const labels = [rangeMin, (rangeMin + rangeMax) / 2, rangeMax].map((value) =>
        createElement('span', '', formatEdge(value)),
      );
      this.ticks.replaceChildren(...labels);
    }
    this.card.dataset['colormap'] = colormap.name;
    this.card.dataset['rangeMin'] = String(rangeMin);
    this.card.dataset['rangeMax'] = String(rangeMax);
    this.card.hidden = false;
  }

  /** Hides the card (no band-math layer shown). */
  hide(): void {
    this.card.hidden = true;
  }
}
