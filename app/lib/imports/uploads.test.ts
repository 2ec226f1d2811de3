import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../ingest/detect-format.ts';
import { datesLine, formatBytes, pageMessage, percentSent, resultLine } from './uploads.ts';

describe('uploads', () => {
  it('reports the share of bytes sent', () => {
    expect(percentSent({ sent: 512, size: 2048 })).toBe(25);
    expect(percentSent({ sent: 0, size: 0 })).toBe(100);
    expect(percentSent({ sent: 3000, size: 2048 })).toBe(100);
  });

  it('writes sizes people read', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(342 * 1024 * 1024)).toBe('342.0 MB');
  });

  it("says what a file did: loaded, quarantined, duplicate or refused", () => {
    const r = {
      path: 'q', format: 'queue_log', rows_read: 1200, rows_loaded: 1198, rows_quarantined: 2, fields_rejected: 0, calls_added: 300, calls_open: 0,
      duplicate: false
    };
    expect(resultLine(r)).toBe('queue_log: 1,200 lines read, 1,198 loaded, 2 quarantined; 300 calls added.');
    expect(resultLine({ ...r, fields_rejected: 3, calls_open: 4 })).toBe(
      'queue_log: 1,200 lines read, 1,198 loaded, 2 quarantined, 3 implausible values kept as missing; 300 calls added (4 still open).'
    );
    expect(resultLine({ ...r, duplicate: true })).toMatch(/Already loaded/);
    expect(resultLine({ ...r, error: 'not a queue_log' })).toBe('Not loaded: not a queue_log');
  });

  it('says which dates a load covered', () => {
    expect(datesLine({ first: '2026-11-01', last: '2026-11-24' })).toBe('Calls from Nov 1, 2026 to Nov 24, 2026.');
    expect(datesLine({ first: '2026-11-24', last: '2026-11-24' })).toBe('Calls of Nov 24, 2026.');
    expect(datesLine(null)).toBe('No calls in this file.');
  });

  it("never suggests a command-line flag on the page, for the loader's own refusals", () => {
    const refusals = [
      () => detectFormat('a.csv', ['name,when', 'x,1'], 'auto', false),
      () => detectFormat('a.csv', ['name,when', 'x,1'], 'cdr', false),
      () => detectFormat('a.csv', ['name,when', 'x,1'], 'csv', false)
    ].map((f) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected a refusal');
    });
    for (const message of refusals) {
      expect(message).toMatch(/--/); // the CLI's wording
      const shown = pageMessage(message);
      expect(shown).not.toMatch(/--/);
      expect(shown).toMatch(/mapping file/);
      expect(resultLine({ path: 'a.csv', format: null, rows_read: 0, rows_loaded: 0, rows_quarantined: 0, fields_rejected: 0, calls_added: 0, calls_open: 0, duplicate: false, error: message })).not.toMatch(/--/);
    }
  });
});
