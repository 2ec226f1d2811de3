/** Rewrites the glossary in analytics/README.md from analytics/glossary.ts: `npx tsx analytics/write-glossary.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withGlossary } from './glossary.ts';

const readme = join(dirname(fileURLToPath(import.meta.url)), 'README.md');
writeFileSync(readme, withGlossary(readFileSync(readme, 'utf8')));
console.log(`Glossary written to ${readme}`);
