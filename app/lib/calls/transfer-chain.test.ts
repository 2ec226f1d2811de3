/** Joining the legs of a transfer that reached the next queue under a new call id. */
import { describe, expect, it } from 'vitest';
import { TRANSFER_GAP_S, transferChain, type Visit } from './transfer-chain.ts';

const at = (s: number) => new Date(Date.UTC(2026, 2, 12, 19, 0, s)).toISOString();
const visit = (id: string, callid: string, enter: number, end: number | null, transferred = false, number: string | null = '3125550199'): Visit => ({
  id,
  callid,
  number_key: number,
  enter_ts: at(enter),
  end_ts: end === null ? null : at(end),
  transferred
});

describe('transferChain', () => {
  const a = visit('a', 'x1', 0, 200, true); // transferred at 200 s
  const b = visit('b', 'x2', 200, 512, true); // the next leg, new id, transferred again at 512 s
  const c = visit('c', 'x3', 512 + TRANSFER_GAP_S, 600); // a third leg at the edge of the gap
  const later = visit('d', 'x4', 3600, 3700); // the caller calling again: not the same conversation
  const sameId = visit('e', 'x1', 40, 60); // a second queue visit under the first id
  const other = visit('f', 'x9', 201, 300, false, '3125550000'); // another caller at the same moment

  const cases: [string, Visit, Visit[], string[]][] = [
    ['follows new ids forwards', a, [a, b, c, later, other], ['a', 'b', 'c']],
    ['and backwards from a later leg', c, [a, b, c, later, other], ['a', 'b', 'c']],
    ['joins visits of the same call id whatever the number', sameId, [a, sameId, later], ['a', 'e']],
    ['leaves a call alone that was not transferred', later, [a, b, later], ['d']],
    ['needs the same number', visit('g', 'x5', 0, 200, true, null), [visit('g', 'x5', 0, 200, true, null), visit('h', 'x6', 200, 300, false, null)], ['g']],
    ['needs the next leg to start within the gap', a, [a, visit('i', 'x7', 200 + TRANSFER_GAP_S + 1, 300)], ['a']],
    ['never before the transfer ended', a, [a, visit('j', 'x8', 199, 300)], ['a']]
  ];
  for (const [name, start, candidates, ids] of cases) {
    it(name, () => expect(transferChain(start, candidates).map((v) => v.id)).toEqual(ids));
  }
});
