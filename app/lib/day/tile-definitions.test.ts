import { describe, expect, it } from 'vitest';
import { CALL_METRIC_DEFINITIONS } from '../../../analytics/glossary.ts';
import { TILES } from './tiles.ts';
import { tileDefinition } from './tile-definitions.ts';

describe('day tile definitions', () => {
  it('gives every tile its definition from the glossary the reports use', () => {
    for (const tile of TILES) {
      const d = tileDefinition(tile.key);
      expect(d, tile.key).not.toBeNull();
      expect(d).toBe(CALL_METRIC_DEFINITIONS.find((g) => g.key === tile.key));
      expect(d!.definition.length).toBeGreaterThan(20);
    }
  });
});
