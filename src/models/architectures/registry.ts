/**
 * A registry of architectures by class name. It refuses duplicate names and unknown specs;
 * it is filled in one place, `architectures/index.ts`.
 */
import { InvalidParameterError } from '../../errors.js';
import type { ArchitectureFactory, ModelSpec, Network } from './types.js';

/** Architectures by registry name. */
export class ArchitectureRegistry {
  private readonly factories = new Map<string, ArchitectureFactory>();

  /** Adds `factory` under `className`; throws InvalidParameterError if the name is taken. */
  register(className: string, factory: ArchitectureFactory): void {
    if (this.factories.has(className)) {
      throw new InvalidParameterError(`architecture '${className}' is already registered`, {
        className,
      });
    }
    this.factories.set(className, factory);
  }

  /** The registered class names, in registration order. */
  names(): string[] {
    return [...this.factories.keys()];
  }

  /** Builds the network of `spec`; throws InvalidParameterError on an unknown class name. */
  create(spec: ModelSpec): Network {
    const factory = this.factories.get(spec.className);
    if (factory === undefined) {
      throw new InvalidParameterError(
        `unknown architecture '${spec.className}'; known: ${this.names().join(', ')}`,
        { className: spec.className, known: this.names() },
      );
    }
    return factory(spec.config);
  }
}
