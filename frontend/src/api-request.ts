/**
 * The HTTP plumbing of the API client: URLs resolved against the page, and requests that
 * resolve to the parsed body or reject with an {@link ApiError} carrying the server's
 * `{error: {code, message}}`, so panels can show the message as it is.
 */

/** A failed API call: HTTP status plus the server's error code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Absolute URL of an API path (`scenes/abc`), resolved against the page so a sub-path works. */
export function apiUrl(path: string): string {
  return new URL('api/', document.baseURI).href + path;
}

/** The {@link ApiError} of a failed response: the server's code and message, else its text. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (body.error?.message !== undefined) {
      return new ApiError(response.status, body.error.code ?? 'ERROR', body.error.message);
    }
  } catch {
    // Not JSON: fall through to the status line.
  }
  const detail = text.trim().slice(0, 200) || response.statusText;
  return new ApiError(response.status, 'HTTP_' + String(response.status), detail);
}

/**
 * Fetches an API path; resolves to the response when its status is 2xx.
 * @throws ApiError with status 0 and code `NETWORK` when the server cannot be reached, or the
 * server's own error for any other status.
 */
export async function request(path: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), init);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(0, 'NETWORK', `The server cannot be reached (${reason}).`);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

/** Fetches an API path and parses its JSON body (see {@link request} for the failures). */
export async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await request(path, init);
  return (await response.json()) as T;
}

/** The request options of a JSON `POST` of `body`. */
export function jsonPost(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
