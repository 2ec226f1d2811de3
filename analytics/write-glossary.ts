/** Rewrites the glossary in docs/definitions.md from analytics/glossary.ts: `npx tsx analytics/write-glossary.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withGlossary } from './glossary.ts';

const doc = fileURLToPath(new URL('../docs/definitions.md', import.meta.url));
writeFileSync(doc, withGlossary(readFileSync(doc, 'utf8')));
console.log(`Glossary written to ${doc}`);
