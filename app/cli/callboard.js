#!/usr/bin/env node
// The `callboard` command. `npm install` compiles the CLI into dist/cli/ (compile.js); this runs that
// build while it is current (no source changed since), else registers tsx and runs the TypeScript
// sources as they are: the same CLI, slower to start. CALLBOARD_CLI=source always runs the sources.
import { currentBuild } from './current-build.js';

const compiled = process.env.CALLBOARD_CLI === 'source' ? null : currentBuild();
if (compiled) {
  process.setSourceMapsEnabled(true); // a bug's stack trace names the .ts sources
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
