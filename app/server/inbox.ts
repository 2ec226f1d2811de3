/**
 * The inbox pick-up: loads new and grown export files from a folder (default data/inbox), so calls
 * show up the day they happen. Files stay where they are (Asterisk keeps appending to queue_log);
 * a file is offered to the loader only when its size or modification time changed, and the loader
 * itself loads only lines it has not seen.
 */
import { readdirSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../sql/db.ts';
import { ingestFile, type FileSummary } from '../../ingest/load.ts';

export interface InboxDeps {
  db: Database;
  dir: string;
  timeZone: string;
  log: (line: string) => void;
  /** Size and mtime last seen per file (kept by the caller between runs). */
  seen: Map<string, string>;
}

export async function pickUpInbox({ db, dir, timeZone, log, seen }: InboxDeps): Promise<FileSummary[]> {
  mkdirSync(dir, { recursive: true });
  const out: FileSummary[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    const stamp = `${st.size}:${st.mtimeMs}`;
    if (seen.get(path) === stamp) continue;
    try {
      const s = await ingestFile(db, path, { timeZone, origin: 'inbox' });
      if (!s.duplicate && s.rows_read > 0) {
        log(`inbox: ${name}: ${s.rows_loaded} lines loaded, ${s.rows_quarantined} quarantined, ${s.calls_added} calls added`);
      }
      out.push(s);
      seen.set(path, stamp);
    } catch (e) {
      log(`inbox: ${name}: ${e instanceof Error ? e.message : String(e)}`);
      seen.set(path, stamp); // don't retry a bad file every minute; a change to it retries
    }
  }
  return out;
}
