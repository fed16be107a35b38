/**
 * The inputs of the Retrieve panel: the product select, the method select filled per product
 * from {@link PRODUCT_CATALOG}, and the parameter rows (`[data-parameter]`) of which only those
 * the chosen method reads are shown. Defaults are shown where the server would apply them: the
 * kind's default method is marked, empty inputs carry the default as placeholder, and the
 * emissivity select names the selected scene's default set. Methods the selected scene cannot
 * run are disabled with the server's reason as their tooltip ({@link methodChoices}); a product
 * none of whose methods runs is disabled too; the note under the select says what the chosen
 * method still needs.
 */
import type { SceneMethods } from './api-methods.js';
import type { SceneInfo } from './api.js';
import { byId } from './dom.js';
import { chosenMethod, kindRefusal, methodChoices, type MethodChoice } from './method-choices.js';
import {
  AIR_TEMPERATURE_RANGE_KELVIN,
  DEFAULT_EMISSIVITY_SETS,
  DEFAULT_WATER_VAPOUR_GCM2,
  EMISSIVITY_SET_IDS,
  INVERSION_IDS,
  PRODUCT_CATALOG,
  productKind,
  productMethod,
  WATER_VAPOUR_SOURCE_IDS,
  type ParameterName,
} from './product-catalog.js';
import type { RetrieveFormValues } from './retrieve-request.js';

/** The option of an API default: empty value, so nothing is sent. */
function defaultOption(label: string): HTMLOptionElement {
  return new Option(label, '');
}

function namedOptions(ids: readonly string[]): HTMLOptionElement[] {
  return ids.map((id) => new Option(id, id));
}

/** Controller of the product, method and parameter inputs of `#retrieve-panel`. */
export class RetrieveForm {
  private readonly productSelect = byId('product-select', HTMLSelectElement);
  private readonly methodSelect = byId('method-select', HTMLSelectElement);
  private readonly parameterBox = byId('retrieve-parameters', HTMLElement);
  private readonly waterVapourInput = byId('water-vapour-input', HTMLInputElement);
  private readonly waterVapourSource = byId('water-vapour-source-select', HTMLSelectElement);
  private readonly emissivitySet = byId('emissivity-set-select', HTMLSelectElement);
  private readonly airTemperature = byId('air-temperature-input', HTMLInputElement);
  private readonly inversion = byId('inversion-select', HTMLSelectElement);
  private readonly transmittance = byId('transmittance-input', HTMLInputElement);
  private readonly upwelling = byId('upwelling-input', HTMLInputElement);
  private readonly downwelling = byId('downwelling-input', HTMLInputElement);
  private readonly maskCheckbox = byId('mask-checkbox', HTMLInputElement);
  private readonly methodNote = byId('method-note', HTMLElement);
  private availability: SceneMethods | null = null;
  private choices: MethodChoice[] = [];

  /** `onChange`: the user or the scene's availability changed the chosen product or method. */
  constructor(private readonly onChange: () => void = () => undefined) {
    this.productSelect.replaceChildren(
      ...PRODUCT_CATALOG.map((entry) => new Option(`${entry.label} (${entry.unit})`, entry.kind)),
    );
    const [firstSource, ...otherSources] = WATER_VAPOUR_SOURCE_IDS;
    this.waterVapourSource.replaceChildren(
      defaultOption(`${firstSource ?? 'constant'} (default)`),
      ...namedOptions(otherSources),
    );
    const [firstInversion, ...otherInversions] = INVERSION_IDS;
    this.inversion.replaceChildren(
      defaultOption(`${firstInversion ?? 'k1k2'} (default)`),
      ...namedOptions(otherInversions),
    );
    this.waterVapourInput.placeholder = `default ${DEFAULT_WATER_VAPOUR_GCM2.toFixed(1)}`;
    const { min, max } = AIR_TEMPERATURE_RANGE_KELVIN;
    this.airTemperature.placeholder = `required, ${min}–${max}`;
    this.airTemperature.min = String(min);
    this.airTemperature.max = String(max);
    this.setSensor(null);

    this.productSelect.addEventListener('change', () => {
      this.fillMethods(null);
      this.onChange();
    });
    this.methodSelect.addEventListener('change', () => {
      this.methodChanged();
      this.onChange();
    });
    this.waterVapourSource.addEventListener('change', () => this.showParameters());
    this.fillMethods(null);
  }

  /** Names the default emissivity set of the scene's sensor (null: no scene). */
  setScene(scene: SceneInfo | null): void {
    this.setSensor(scene?.sensor ?? null);
  }

  /**
   * What the selected scene can run (null: not known, every method offered). The chosen method
   * is kept while it runs; otherwise the kind's default or first runnable method is chosen.
   */
  setAvailability(availability: SceneMethods | null): void {
    this.availability = availability;
    this.markProducts();
    if (availability === null) delete this.methodSelect.dataset['sceneId'];
    else this.methodSelect.dataset['sceneId'] = availability.sceneId;
    this.fillMethods(this.methodSelect.value === '' ? null : this.methodSelect.value);
    this.onChange();
  }

  /** Whether the chosen method runs on the scene (true while that is not known). */
  runnable(): boolean {
    return this.choices.find((choice) => choice.id === this.methodSelect.value)?.runnable ?? false;
  }

  /** The product and method chosen, and the text of every input. */
  values(): RetrieveFormValues {
    return {
      product: this.productSelect.value,
      method: this.methodSelect.value,
      waterVapourGcm2: this.waterVapourInput.value,
      waterVapourSource: this.waterVapourSource.value,
      emissivitySet: this.emissivitySet.value,
      airTemperatureKelvin: this.airTemperature.value,
      inversion: this.inversion.value,
      transmittance: this.transmittance.value,
      upwellingRadianceWm2SrUm: this.upwelling.value,
      downwellingRadianceWm2SrUm: this.downwelling.value,
      maskClouds: this.maskCheckbox.checked,
    };
  }

  private setSensor(sensor: string | null): void {
    const chosen = this.emissivitySet.value;
    const known = sensor === null ? undefined : DEFAULT_EMISSIVITY_SETS[sensor];
    const label = known === undefined ? 'sensor default' : `${known} (default)`;
    this.emissivitySet.replaceChildren(defaultOption(label), ...namedOptions(EMISSIVITY_SET_IDS));
    this.emissivitySet.value = chosen;
  }

  /** Disables the products none of whose methods runs; moves off a disabled one. */
  private markProducts(): void {
    let firstRunnable: string | null = null;
    for (const option of this.productSelect.options) {
      const kind = productKind(option.value);
      const refusal =
        kind === undefined ? null : kindRefusal(methodChoices(kind, this.availability));
      option.disabled = refusal !== null;
      option.title = refusal ?? '';
      if (refusal === null) firstRunnable ??= option.value;
    }
    if (this.productSelect.selectedOptions[0]?.disabled === true && firstRunnable !== null) {
      this.productSelect.value = firstRunnable;
    }
  }

  /** Fills the method select of the chosen kind; keeps `previous` if it runs. */
  private fillMethods(previous: string | null): void {
    const kind = productKind(this.productSelect.value);
    if (kind === undefined) return;
    this.choices = methodChoices(kind, this.availability);
    this.methodSelect.replaceChildren(
      ...kind.methods.map((method, index) => {
        const choice = this.choices[index];
        const suffix = method.id === kind.defaultMethod ? ' (default)' : '';
        const option = new Option(`${method.label}${suffix}`, method.id);
        option.disabled = choice?.runnable === false;
        option.title = choice?.reason ?? method.id;
        return option;
      }),
    );
    this.methodSelect.value = chosenMethod(kind, this.choices, previous);
    this.methodChanged();
  }

  private methodChanged(): void {
    this.showParameters();
    this.showMethodNote();
  }

  /** What the chosen method needs, or how many methods do not run here (hover for why). */
  private showMethodNote(): void {
    const chosen = this.choices.find((choice) => choice.id === this.methodSelect.value);
    const refused = this.choices.filter((choice) => !choice.runnable).length;
    let text = chosen?.reason ?? '';
    if (text === '' && refused > 0) {
      const methods = refused === 1 ? '1 method does' : `${refused} methods do`;
      text = `${methods} not run on this scene (greyed out; hover one for the reason)`;
    }
    this.methodNote.textContent = text;
    this.methodNote.hidden = text === '';
    this.methodNote.dataset['kind'] = chosen?.runnable === false ? 'refused' : 'hint';
  }

  /** Shows the rows of the parameters the chosen method reads; the others are hidden. */
  private showParameters(): void {
    const method = productMethod(this.productSelect.value, this.methodSelect.value);
    const shown = new Set<ParameterName>(method?.parameters ?? []);
    for (const row of this.parameterBox.querySelectorAll<HTMLElement>('[data-parameter]')) {
      row.hidden = !shown.has(row.dataset['parameter'] as ParameterName);
    }
    // A chosen source other than constant makes the constant value irrelevant.
    const source = this.waterVapourSource.value;
    this.waterVapourInput.disabled =
      shown.has('waterVapourSource') && source !== '' && source !== 'constant';
  }
}
