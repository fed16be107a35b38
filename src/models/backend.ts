/**
 * Choice of the TensorFlow.js compute backend, in one explicit, idempotent call: tfjs-node-gpu
 * or tfjs-node when installed and loadable (libtensorflow), else WebAssembly (with SIMD, plus
 * the gradient kernels of wasm-kernels/), else the pure-JavaScript CPU backend. Nothing is
 * registered on import; every backend package is loaded by dynamic import().
 */
import { InvalidParameterError } from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { tf } from './tf.js';
import { registerWasmGradientKernels } from './wasm-kernels/index.js';

/** A compute backend: libtensorflow through tfjs-node, WebAssembly, or plain JavaScript. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** The backend in use and why it was chosen. */
export interface BackendInfo {
  name: BackendName;
  /** Whether the wasm binary runs with SIMD; null for the other backends. */
  simd: boolean | null;
  /** One line: what was asked for and what failed before this choice. */
  reason: string;
}

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Backend to use; 'auto' (the default, unless RSKD_BACKEND says otherwise) tries all. */
  prefer?: BackendName | 'auto';
  logger?: Logger;
}

/** Allowed values of RSKD_BACKEND, in automatic-choice order after 'auto'. */
export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;

const AUTO_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** tfjs-node packages, GPU build first; optional dependencies, usually absent. */
const TFJS_NODE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

/**
 * Reads RSKD_BACKEND from `env`: unset or empty → 'auto'; otherwise one of
 * {@link BACKEND_CHOICES} (case-insensitive), else an InvalidParameterError naming them.
 */
export function backendFromEnv(env: Record<string, string | undefined>): BackendName | 'auto' {
  const raw = env.RSKD_BACKEND?.trim().toLowerCase() ?? '';
  if (raw === '') return 'auto';
  const choice = BACKEND_CHOICES.find((name) => name === raw);
  if (choice === undefined) {
    throw new InvalidParameterError(
      `RSKD_BACKEND=${env.RSKD_BACKEND} is not a backend; use one of ${BACKEND_CHOICES.join(', ')}`,
      { value: env.RSKD_BACKEND, allowed: [...BACKEND_CHOICES] },
    );
  }
  return choice;
}

/** Imports a module by a computed name, so bundlers and tsc do not require it to exist. */
async function importOptional(specifier: string): Promise<unknown> {
  return (await import(/* @vite-ignore */ specifier)) as unknown;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Loads tfjs-node(-gpu), which registers the 'tensorflow' backend; throws why not. */
async function loadTensorflow(): Promise<void> {
  const failures: string[] = [];
  for (const specifier of TFJS_NODE_PACKAGES) {
    try {
      await importOptional(specifier);
      return;
    } catch (error) {
      failures.push(`${specifier}: ${messageOf(error)}`);
    }
  }
  throw new Error(failures.join('; '));
}

/** Loads the wasm backend and the missing gradient kernels (each once). */
async function loadWasm(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  // Threads are unavailable in Node; forcing them breaks the backend (STACK-NOTES).
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  registerWasmGradientKernels();
}

async function loadCpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
}

/**
 * tfjs-backend-cpu 4.22 prints a multi-line console banner ("looks like you are running
 * TensorFlow.js in Node.js…") on its first tensor write; the choice is already logged by
 * initBackend as one structured line, so the banner's `firstUse` flag is cleared.
 */
export function silenceCpuGreeting(): void {
  const backend = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (backend !== null && 'firstUse' in backend) backend.firstUse = false;
}

const LOADERS: Record<BackendName, () => Promise<void>> = {
  tensorflow: loadTensorflow,
  wasm: loadWasm,
  cpu: loadCpu,
};

/** Loads and activates one backend; throws with the cause when it cannot run. */
async function activate(name: BackendName): Promise<boolean | null> {
  await LOADERS[name]();
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend('${name}') failed to initialise`);
  await tf.ready();
  if (name === 'cpu') silenceCpuGreeting();
  if (name !== 'wasm') return null;
  return (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
}

/** Tries the candidates in order; the first that activates wins. */
async function select(prefer: BackendName | 'auto'): Promise<BackendInfo> {
  const order =
    prefer === 'auto' ? AUTO_ORDER : [prefer, ...AUTO_ORDER.filter((name) => name !== prefer)];
  const failures: string[] = [];
  for (const name of order) {
    try {
      const simd = await activate(name);
      const asked = prefer === 'auto' ? 'automatic choice' : `${prefer} requested`;
      const reason = failures.length === 0 ? asked : `${asked}; ${failures.join('; ')}`;
      return { name, simd, reason };
    } catch (error) {
      failures.push(`${name} unavailable (${messageOf(error)})`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${failures.join('; ')}`);
}

let current: { prefer: BackendName | 'auto'; info: Promise<BackendInfo> } | null = null;

function defaultPreference(): BackendName | 'auto' {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env === undefined ? 'auto' : backendFromEnv(env);
}

/**
 * Selects, loads and activates the compute backend, logging `backend selected` once per
 * choice. Idempotent: a second call returns the first result, unless it names another
 * `prefer`, in which case it switches; a call without `prefer` keeps the current backend.
 * A preferred backend that cannot start falls back along tensorflow → wasm → cpu (logged as
 * a warning), and the reason says what failed. `prefer` defaults to RSKD_BACKEND (see
 * {@link backendFromEnv}) or 'auto'. Rejects only when no backend starts at all.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (options.prefer === undefined && current !== null) return current.info;
  const prefer = options.prefer ?? defaultPreference();
  if (current !== null && current.prefer === prefer) return current.info;

  const logger = options.logger ?? silentLogger;
  const info = select(prefer).then((chosen) => {
    const fields = { backend: chosen.name, simd: chosen.simd, reason: chosen.reason };
    if (prefer !== 'auto' && chosen.name !== prefer) logger.warn(fields, 'backend selected');
    else logger.info(fields, 'backend selected');
    return chosen;
  });
  current = { prefer, info };
  info.catch(() => {
    if (current?.info === info) current = null;
  });
  return info;
}
