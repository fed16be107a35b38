/** Small request helpers shared by the routes. */
import type { Request } from 'express';

/** The origin the client used to reach the server, e.g. `http://127.0.0.1:8080`. */
export function baseUrl(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** A route parameter as a string (express 5 types them loosely). */
export function param(req: Request, name: string): string {
  const value: unknown = (req.params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
