/**
 * What each day tile means, from the same glossary the reports and the API carry
 * (analytics/glossary.ts), so a tile's definition and a report's never differ.
 */
import { CALL_METRIC_DEFINITIONS, type Definition } from '../../../analytics/glossary.ts';

const BY_KEY = new Map(CALL_METRIC_DEFINITIONS.map((d) => [d.key, d]));

/** The glossary entry of a tile's figure (its key is a metric row key); null for a key it does not have. */
export const tileDefinition = (key: string): Definition | null => BY_KEY.get(key) ?? null;
