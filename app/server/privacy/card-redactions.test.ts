/**
 * Card numbers never reach the database through free text: a note, its edit, an annotation and an
 * exclusion reason are saved with the Luhn-valid 13-19 digit strings replaced, and each save that
 * had any is counted (migration 032). Call ids and callers' numbers in the same texts are left as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../sql/db.ts';
import { seededDatabase } from '../../api/test-support.ts';
import { CARD_REDACTION } from '../../../analytics/privacy/card-numbers.ts';
import { createNote, editNote } from '../notes.ts';
import { addAnnotation } from '../annotations.ts';
import { excludeCall } from '../call-exclusions.ts';
import { redactionCounts } from './card-redactions.ts';

const LEAD = { id: null, username: 'lead-test' };
const NOTE = { category: 'coaching' as const, call_ref: '1-3', ref_date: null, evaluation_id: null, follow_up_date: null };

let db: Database;
beforeAll(async () => {
  db = await seededDatabase();
});
afterAll(() => db.close());

describe('card numbers in free text', () => {
  it('are replaced at save and counted; call ids and callers\' numbers stay', async () => {
    const note = await createNote(db, LEAD, 'ana', { ...NOTE, text: 'Call 1-3 from 312-555-0120: she read out 4111 1111 1111 1111, told her not to' });
    expect(note.text).toBe(`Call 1-3 from 312-555-0120: she read out ${CARD_REDACTION}, told her not to`);
    const edited = await editNote(db, LEAD, 'ana', note.id, { text: 'Two cards: 5555-5555-5555-4444 and 378282246310005; ref 4111111111111112' });
    expect(edited.text).toBe(`Two cards: ${CARD_REDACTION} and ${CARD_REDACTION}; ref 4111111111111112`);
    const a = await addAnnotation(db, LEAD, { date: '2026-03-02', text: 'Outage; a caller gave 6011111111111117' });
    expect(a.text).toBe(`Outage; a caller gave ${CARD_REDACTION}`);
    const x = await excludeCall(db, LEAD, '1-5', 'test call, card 4111111111111111 used by the vendor');
    expect(x.reason).toBe(`test call, card ${CARD_REDACTION} used by the vendor`);

    // Nowhere in the database: not in the notes, their versions, the audit log or anything else.
    const [{ n }] = await db.all<{ n: number }>(
      `SELECT CAST(count(*) AS INTEGER) AS n FROM (FROM notes SELECT text UNION ALL FROM note_versions SELECT text
         UNION ALL FROM audit_log SELECT CAST(after AS VARCHAR) UNION ALL FROM annotations SELECT text UNION ALL FROM call_exclusions SELECT reason)
       WHERE regexp_matches(text, '4111.?1111.?1111.?1111|5555.?5555.?5555.?4444|378282246310005|6011111111111117')`
    );
    expect(n).toBe(0);
    expect(await redactionCounts(db)).toEqual([
      { entity: 'annotation', field: 'text', saves: 1, redacted: 1 },
      { entity: 'call_exclusion', field: 'reason', saves: 1, redacted: 1 },
      { entity: 'note', field: 'text', saves: 2, redacted: 3 }
    ]);
  });
});
