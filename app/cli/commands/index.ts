/** Every CLI command, in the order `--help` lists them. Each module exports `register(program)`. */
import type { Command } from 'commander';
import { register as ingest } from './ingest.ts';
import { register as serve } from './serve.ts';
import { register as staffing } from './staffing.ts';

export const commands: Array<(program: Command) => void> = [ingest, staffing, serve];
