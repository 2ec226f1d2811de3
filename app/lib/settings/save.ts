/** One save from a settings form: the API call, then the page's data again, and a status line. */
import { invalidateAll } from '$app/navigation';
import { ApiError, sendJson } from '../api-client.ts';

export type SaveStatus = { ok: boolean; message: string } | null;

export async function save(path: string, body: unknown, what: string): Promise<SaveStatus> {
  try {
    await sendJson('PUT', path, body);
    await invalidateAll();
    return { ok: true, message: `${what} saved` };
  } catch (e) {
    return { ok: false, message: e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e) };
  }
}
