/** OpenAPI 3.1 description of the model registry routes (merged into backend/openapi.ts). */
import { z } from 'zod';
import { experimentSchema } from '../../src/models/experiments/experiment-schema.js';

type JsonSchema = Record<string, unknown>;

const error = (status: number): JsonSchema => ({ $ref: `#/components/responses/Error${status}` });
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Model id (UUID)',
  schema: { type: 'string' },
};
const json = (description: string, schema: JsonSchema): JsonSchema => ({
  description,
  content: { 'application/json': { schema } },
});

const modelSummarySchema: JsonSchema = {
  type: 'object',
  required: [
    'id',
    'name',
    'method',
    'scheme',
    'className',
    'sensor',
    'teacherId',
    'parameterCount',
    'metrics',
    'createdAt',
  ],
  properties: {
    id: { type: 'string' },
    name: {
      type: 'string',
      description: '<experiment>/<method>/<scheme>, or <experiment>/teacher',
    },
    method: { type: 'string', description: 'Distillation method id, none (supervised) or teacher' },
    scheme: { type: 'string', examples: ['offline', 'mutual', 'born-again', 'supervised'] },
    className: { type: 'string', examples: ['MLP'] },
    sensor: { type: 'string', examples: ['landsat-8'] },
    teacherId: { type: ['string', 'null'] },
    jobId: { type: ['string', 'null'] },
    parameterCount: { type: 'integer' },
    metrics: {
      type: 'object',
      description:
        'Test metrics in physical units, <target>.<mae|rmse|bias|pcc> (LST in K), and validationLoss',
      additionalProperties: { type: 'number' },
    },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

/** Component schemas of the model routes. */
export function modelComponentSchemas(): Record<string, JsonSchema> {
  const experiment: JsonSchema = { ...z.toJSONSchema(experimentSchema, { io: 'input' }) };
  delete experiment.$schema;
  experiment.description =
    'A declarative experiment (data only). Over HTTP the dataset must be simulate with at most 200000 rows.';
  return {
    ModelSummary: modelSummarySchema,
    Model: {
      allOf: [
        { $ref: '#/components/schemas/ModelSummary' },
        {
          type: 'object',
          properties: {
            metadata: {
              type: 'object',
              description:
                'ModelMetadata: inputs with normalisation, outputs with units, training data hash, hyper-parameters',
            },
          },
        },
      ],
    },
    Experiment: experiment,
  };
}

/** Paths of the model routes. */
export function modelPaths(): Record<string, Record<string, JsonSchema>> {
  return {
    '/api/models/distill': {
      post: {
        tags: ['models'],
        operationId: 'distill',
        summary: 'Run an experiment (teacher, students, methods × seeds) as a distill job',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Experiment' } } },
        },
        responses: {
          '202': json('The queued job; its result is {modelIds, results}', {
            $ref: '#/components/schemas/Job',
          }),
          '400': error(400),
          '500': error(500),
        },
      },
    },
    '/api/models': {
      get: {
        tags: ['models'],
        operationId: 'listModels',
        summary: 'Every trained model, newest first',
        responses: {
          '200': json('Models', {
            type: 'array',
            items: { $ref: '#/components/schemas/ModelSummary' },
          }),
          '500': error(500),
        },
      },
    },
    '/api/models/{id}': {
      get: {
        tags: ['models'],
        operationId: 'getModel',
        summary: 'Metadata and metrics of a model',
        parameters: [idParam],
        responses: {
          '200': json('The model', { $ref: '#/components/schemas/Model' }),
          '404': error(404),
          '500': error(500),
        },
      },
    },
    '/api/models/{id}/export': {
      get: {
        tags: ['models'],
        operationId: 'exportModel',
        summary:
          'The model as ONNX (opset 13) taking raw inputs and giving physical outputs; MLPs only',
        parameters: [
          idParam,
          {
            name: 'format',
            in: 'query',
            required: false,
            description: 'onnx (the only format)',
            schema: { type: 'string', enum: ['onnx'] },
          },
        ],
        responses: {
          '200': {
            description: 'ONNX ModelProto',
            content: {
              'application/octet-stream': { schema: { type: 'string', contentEncoding: 'binary' } },
            },
          },
          '400': error(400),
          '404': error(404),
          '500': error(500),
        },
      },
    },
  };
}
