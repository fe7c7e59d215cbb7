import { currentToken, rejectToken } from './token';

/** The console reads only the public HTTP API of the same origin, with the caller's token. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | undefined>;

export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function messageOf(body: unknown, status: number): string {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.join(' ; ');
  if (typeof message === 'string') return message;
  return `réponse HTTP ${status}`;
}

function headers(accept: string): Record<string, string> {
  const token = currentToken();
  return token ? { Accept: accept, Authorization: `Bearer ${token}` } : { Accept: accept };
}

/** The printable report as HTML text (a plain link could not send the token). */
export async function getHtml(path: string, params: Params = {}): Promise<string> {
  const response = await fetch(apiUrl(path, params), { headers: headers('text/html') });
  if (response.status === 401) rejectToken();
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiError(response.status, messageOf(body, response.status));
  }
  return response.text();
}

export async function getJson<T>(
  path: string,
  params: Params = {},
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), {
      headers: headers('application/json'),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, "l'API ne répond pas");
  }
  let body: unknown = null;
  let readable = true;
  try {
    body = await response.json();
  } catch (error) {
    // Aborted while the body was arriving (the choices changed): not an answer at all.
    if (signal?.aborted) throw error;
    readable = false;
  }
  if (response.status === 401) rejectToken();
  if (!response.ok) throw new ApiError(response.status, messageOf(body, response.status));
  if (!readable || body === null) throw new ApiError(response.status, 'réponse illisible');
  return body as T;
}
