/** Every CLI command, in the order `--help` lists them. Each module exports `register(program)`. */
import type { Command } from 'commander';
import { register as backup } from './backup.ts';
import { register as calls } from './calls.ts';
import { register as ingest } from './ingest.ts';
import { register as metrics } from './metrics.ts';
import { register as serve } from './serve.ts';
import { register as staffing } from './staffing.ts';
import { register as forecast } from './forecast.ts';
import { register as roster } from './roster.ts';
import { register as report } from './report.ts';
import { register as user } from './user.ts';
import { register as states } from './states.ts';

export const commands: Array<(program: Command) => void> = [ingest, metrics, states, calls, staffing, forecast, roster, report, user, backup, serve];
