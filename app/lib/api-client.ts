/**
 * The pages' way to call the JSON API (/api): JSON in and out, the API's `{error}` turned into an
 * ApiError with its status, and uploads through XMLHttpRequest because fetch reports no upload
 * progress. Same-origin requests carry the session cookie and an Origin header, which the API's
 * cross-site check wants on every change.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Fetch = typeof fetch;
export type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/x?a=1&b=2` from a path and the query values that are set. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function answer<T>(res: Response): Promise<T> {
  return parseAnswer<T>(res.status, res.statusText, await res.text());
}

function parseAnswer<T>(status: number, statusText: string, text: string): T {
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (status < 200 || status > 299) {
    // The API answers {error}; SvelteKit's own refusals (before the API) answer {message}.
    const answer = body as { error?: string; message?: string } | null;
    const message = answer?.error ?? answer?.message ?? `The server answered ${status} ${statusText}`.trim();
    throw new ApiError(message, status);
  }
  return body as T;
}

export async function getJson<T>(path: string, query?: Query, fetchFn: Fetch = fetch): Promise<T> {
  return answer<T>(await fetchFn(apiUrl(path, query), { headers: { accept: 'application/json' } }));
}

export async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, fetchFn: Fetch = fetch): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return answer<T>(await fetchFn(apiUrl(path), init));
}

export interface SessionAnswer {
  user: { username: string; role: string; rep_id: string | null };
  pages: string[];
}

export const signIn = (username: string, password: string) => sendJson<SessionAnswer>('POST', '/session', { username, password });
export const signOut = () => sendJson<{ signed_out: boolean }>('DELETE', '/session');

export interface UploadProgress {
  loaded: number;
  total: number | null;
}

/** POSTs a file as multipart `file` (plus string fields), reporting bytes sent as they go. */
export function uploadFile<T>(path: string, file: File, opts: { fields?: Record<string, string>; onProgress?: (p: UploadProgress) => void } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(opts.fields ?? {})) form.set(k, v);
    form.set('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    xhr.onerror = () => reject(new ApiError('The upload did not reach the server (network error).', 0));
    xhr.onload = () => {
      try {
        resolve(parseAnswer<T>(xhr.status, xhr.statusText, xhr.responseText));
      } catch (e) {
        reject(e);
      }
    };
    xhr.send(form);
  });
}
