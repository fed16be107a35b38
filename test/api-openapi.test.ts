/**
 * The OpenAPI description served at `GET /api/openapi.json`: valid OpenAPI 3.1 JSON, covering
 * exactly the routes registered on the express app, with the product request taken from zod.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../backend/app.js';
import { createContext } from '../backend/server.js';
import { PRODUCT_KINDS } from '../src/retrieval/product.js';
import { LST_METHODS } from '../src/retrieval/lst-parameters.js';
import type { TestServer } from './api-helpers.js';
import { json, startTestServer } from './api-helpers.js';

interface OpenApiJson {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    responses: Record<string, unknown>;
  };
}

/** A layer of express 5's router stack: a route, or a mounted router with its own stack. */
interface StackLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle: { stack?: StackLayer[] };
  slash?: boolean;
}

/** `METHOD /path/{param}` of every route under the stack (routers must be mounted at `/`). */
function routesOf(stack: readonly StackLayer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const routePath = String(layer.route.path).replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map(
        (method) => `${method.toUpperCase()} ${routePath}`,
      );
    }
    if (layer.handle.stack === undefined) return [];
    if (layer.slash !== true)
      throw new Error('a router mounted under a prefix: walk cannot name its paths');
    return routesOf(layer.handle.stack);
  });
}

/** The API routes registered on an app built like the server builds it. */
async function registeredApiRoutes(): Promise<string[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rskd-openapi-'));
  const context = await createContext({ dataDir }, pino({ level: 'silent' }));
  try {
    const app: Express = createApp(context);
    const { router } = app as unknown as { router: { stack: StackLayer[] } };
    return routesOf(router.stack).filter((route) => route.split(' ')[1]!.startsWith('/api/'));
  } finally {
    await context.readers.closeAll();
    context.db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function documentedRoutes(doc: OpenApiJson): string[] {
  return Object.entries(doc.paths).flatMap(([route, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${route}`),
  );
}

/** Every `$ref` string anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner),
  );
}

describe('the OpenAPI description of the HTTP API', () => {
  let server: TestServer;
  let doc: OpenApiJson;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('is served as OpenAPI 3.1.0 JSON at /api/openapi.json', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = JSON.parse(await response.text()) as OpenApiJson;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Scene', 'Product', 'ProductRequest', 'Job', 'PointValue', 'Error']),
    );
  });

  it('describes every route registered on the app with its method, and no other', async () => {
    const registered = await registeredApiRoutes();
    expect(registered).toContain('POST /api/scenes');
    expect(registered).toContain('GET /api/scenes/{id}/tiles/{z}/{x}/{y}.png');
    expect(documentedRoutes(doc).sort()).toEqual([...new Set(registered)].sort());
  });

  it('names every path parameter of a path in its operations', () => {
    for (const [route, item] of Object.entries(doc.paths)) {
      const inPath = [...route.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      for (const [method, operation] of Object.entries(item)) {
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name);
        expect(declared.sort(), `${method} ${route}`).toEqual(inPath);
      }
    }
  });

  it('takes the product request from the zod schema: product kinds and methods of src/retrieval', () => {
    const request = doc.components.schemas.ProductRequest as {
      properties: { product: { enum: string[] }; method: { type: string } };
      required: string[];
      additionalProperties: boolean;
      'x-methods': Record<string, string[]>;
      description: string;
    };
    expect(request.properties.product.enum).toEqual([...PRODUCT_KINDS]);
    expect(request.properties.method.type).toBe('string');
    expect(request.required).toEqual(['product']);
    expect(request.additionalProperties).toBe(false);
    expect(request['x-methods'].lst).toEqual([...LST_METHODS]);
    expect(request.description).toContain('water-vapour: ');
    expect(request.description).toContain('default covariance-ratio');
  });

  it("documents TiTiler's query parameters on tiles and bidx on the scene routes", () => {
    const names = (route: string): string[] =>
      (doc.paths[route]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(names('/api/products/{id}/tiles/{z}/{x}/{y}.png')).toEqual([
      'colormap_name',
      'colormap',
      'rescale',
      'resampling',
    ]);
    expect(names('/api/scenes/{id}/tilejson.json')).toEqual([
      'bidx',
      'expression',
      'colormap_name',
      'colormap',
      'rescale',
      'resampling',
    ]);
    expect(names('/api/scenes/{id}/bands/{name}/point')).toEqual(['lon', 'lat']);
  });

  it('resolves every $ref to a component it defines', () => {
    const refs = [...new Set(refsIn(doc))];
    expect(refs).toContain('#/components/schemas/Error');
    const missing = refs.filter((ref) => {
      const [, , kind, name] = ref.split('/');
      const table = kind === 'schemas' ? doc.components.schemas : doc.components.responses;
      return name === undefined || !(name in table);
    });
    expect(missing).toEqual([]);
  });

  it('lists the code of a real error response in the Error schema', async () => {
    const response = await fetch(`${server.url}/api/scenes/no-such-scene`);
    expect(response.status).toBe(404);
    const body = await json<{ error: { code: string } }>(response);
    const errorSchema = doc.components.schemas.Error as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(errorSchema.properties.error.properties.code.enum).toContain(body.error.code);
  });
});
