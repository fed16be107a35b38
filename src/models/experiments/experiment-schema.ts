/**
 * The declarative experiment file (YAML or JSON, data only): dataset, teacher, students,
 * methods with their scheme and hyper-parameters, training settings and seeds. Validated with
 * zod; unknown keys are refused with their path. Node-free.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InvalidParameterError } from '../../errors.js';
import { DISTILLATION_SCHEMES } from '../training/distill.js';
import { LEARNING_RATE_SCHEDULES } from '../training/training-config.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use 1–64 of a-z, 0-9, ".", "_", "-"');

const trainingSchema = z.strictObject({
  epochs: z.number().int().min(1).max(1000).default(20),
  batchSize: z.number().int().min(1).max(65536).default(256),
  learningRate: z.number().positive().max(1).default(0.001),
  patience: z.number().int().min(1).max(1000).default(5),
  /** Absent means `constant` (kept absent so that older experiment files keep their hash). */
  schedule: z.enum(LEARNING_RATE_SCHEDULES).optional(),
});

/**
 * The teacher's overrides of `training`: every field optional and without defaults (zod 4's
 * `.partial()` keeps inner defaults, which would silently replace the experiment's values).
 */
const trainingOverridesSchema = z.strictObject({
  epochs: z.number().int().min(1).max(1000).optional(),
  batchSize: z.number().int().min(1).max(65536).optional(),
  learningRate: z.number().positive().max(1).optional(),
  patience: z.number().int().min(1).max(1000).optional(),
  schedule: z.enum(LEARNING_RATE_SCHEDULES).optional(),
});

const architectureSchema = z.strictObject({
  className: z.string().min(1),
  /** Architecture config without `inputs`/`outputs` (the runner fills them from the dataset). */
  config: z.record(z.string(), z.unknown()).default({}),
});

const simulateSchema = z.strictObject({
  sensor: z.string().min(1),
  sampleCount: z.number().int().min(100).max(2_000_000),
  seed: z.number().int().default(1),
  samplesPerAtmosphere: z.number().int().min(1).max(100_000).default(20),
  noise: z.boolean().default(true),
});

const datasetSchema = z
  .strictObject({
    simulate: simulateSchema.optional(),
    /** Path of a simulated dataset file (.rskdsim), relative to the experiment file. */
    file: z.string().min(1).optional(),
    /** Input columns; default every band's brightness temperature, water vapour, view angle. */
    inputs: z.array(z.string().min(1)).min(1).optional(),
    /** Target columns; default LST and every band's emissivity. */
    targets: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((d) => (d.simulate === undefined) !== (d.file === undefined), {
    message: 'give exactly one of simulate or file',
  });

const methodSchema = z.strictObject({
  id: slug,
  /** Distillation method id of the registry, or `none` for the supervised baseline. */
  method: z.string().min(1),
  scheme: z.enum(DISTILLATION_SCHEMES).default('offline'),
  alpha: z.number().min(0).max(1).default(0.5),
  params: z.record(z.string(), z.number()).default({}),
  generations: z.number().int().min(1).max(5).default(2),
  rampEpochs: z.number().int().min(1).max(1000).optional(),
  dataFreeRows: z.number().int().min(16).max(1_000_000).optional(),
  teachers: z.number().int().min(2).max(5).default(2),
  assistant: architectureSchema.optional(),
});

/** The experiment file's schema. */
export const experimentSchema = z
  .strictObject({
    name: slug,
    description: z.string().max(2000).default(''),
    dataset: datasetSchema,
    teacher: z.strictObject({
      architecture: architectureSchema,
      training: trainingOverridesSchema.default({}),
      seed: z.number().int().default(0),
    }),
    students: z
      .array(z.strictObject({ id: slug, architecture: architectureSchema }))
      .min(1)
      .max(10),
    methods: z.array(methodSchema).min(1).max(20),
    training: trainingSchema.default({
      epochs: 20,
      batchSize: 256,
      learningRate: 0.001,
      patience: 5,
    }),
    seeds: z.array(z.number().int()).min(3).max(20).default([1, 2, 3]),
  })
  .superRefine((experiment, ctx) => {
    const duplicate = (ids: string[]) => ids.find((id, i) => ids.indexOf(id) !== i);
    const method = duplicate(experiment.methods.map((m) => m.id));
    if (method !== undefined)
      ctx.addIssue({ code: 'custom', path: ['methods'], message: `duplicate id "${method}"` });
    const student = duplicate(experiment.students.map((s) => s.id));
    if (student !== undefined)
      ctx.addIssue({ code: 'custom', path: ['students'], message: `duplicate id "${student}"` });
    const seed = duplicate(experiment.seeds.map(String));
    if (seed !== undefined)
      ctx.addIssue({ code: 'custom', path: ['seeds'], message: `duplicate seed ${seed}` });
    experiment.methods.forEach((m, i) => {
      if (m.scheme === 'ta-chain' && m.assistant === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['methods', i, 'assistant'],
          message: 'scheme ta-chain needs an assistant architecture',
        });
      }
    });
  });

/** A validated experiment with defaults filled in. */
export type Experiment = z.infer<typeof experimentSchema>;

/** One method entry of an experiment. */
export type ExperimentMethod = Experiment['methods'][number];

/** The experiment as a caller may write it (defaults optional). */
export type ExperimentInput = z.input<typeof experimentSchema>;

function issueLine(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? '(root)' : issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `${where}: ${issue.message}`;
}

/**
 * Validates an experiment value. Throws InvalidParameterError with one line naming `source`,
 * the path of the first problem and the problem (e.g. `exp.yaml: methods.0: unknown key "lr"`).
 */
export function validateExperiment(value: unknown, source = 'experiment'): Experiment {
  const parsed = experimentSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const line = issue === undefined ? 'invalid experiment' : issueLine(issue);
  throw new InvalidParameterError(`${source}: ${line}`, {
    source,
    path: issue?.path.map(String) ?? [],
  });
}

/**
 * Parses experiment text, YAML or JSON (JSON is YAML), then validates it. YAML anchors, tags and
 * custom types are not evaluated beyond plain data (the `yaml` core schema).
 */
export function parseExperiment(text: string, source = 'experiment'): Experiment {
  let value: unknown;
  try {
    value = parseYaml(text, { schema: 'core', maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new InvalidParameterError(`${source}: not valid YAML or JSON: ${reason}`, { source });
  }
  return validateExperiment(value, source);
}
