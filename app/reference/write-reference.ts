/** Rewrites the generated part of docs/reference.md: `npx tsx app/reference/write-reference.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withReference } from './reference.ts';

const doc = fileURLToPath(new URL('../../docs/reference.md', import.meta.url));
writeFileSync(doc, withReference(readFileSync(doc, 'utf8')));
console.log(`Reference written to ${doc}`);
