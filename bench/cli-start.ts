/**
 * The CLI's own start against bare Node in the same run: `node -e 1`, `node app/cli/callboard.js --help`
 * and `... staffing --calls 100 --period-s 1800 --aht-s 240 --json`, taken in turn (so a busy moment
 * lands on all three alike), median wall time of each; goals ≤ 3x bare node for --help, ≤ 4x for staffing.
 * The compiled CLI is brought up to date first (app/cli/compile.js), as `npm install` leaves it.
 * Alone: `npx tsx bench/cli-start.ts [--runs N]`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileCli } from '../app/cli/compile.js';
import { PROJECT, currentBuild } from '../app/cli/current-build.js';

export interface CliStartResult {
  runs: number;
  compiled: boolean;
  bare_node_ms: number;
  help_ms: number;
  staffing_ms: number;
  help_vs_node: number;
  staffing_vs_node: number;
  goal_help_vs_node: number;
  goal_staffing_vs_node: number;
}

const BIN = join(PROJECT, 'app/cli/callboard.js');
const STEPS: Record<'bare' | 'help' | 'staffing', string[]> = {
  bare: ['-e', '1'],
  help: [BIN, '--help'],
  staffing: [BIN, 'staffing', '--calls', '100', '--period-s', '1800', '--aht-s', '240', '--json']
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function wallMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: PROJECT, encoding: 'utf8', env: { ...process.env, CALLBOARD_CLI: '' } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return ms;
}

export async function cliStart(runs = 11): Promise<CliStartResult> {
  if (!currentBuild()) await compileCli();
  const times = { bare: [] as number[], help: [] as number[], staffing: [] as number[] };
  for (const step of Object.keys(STEPS) as Array<keyof typeof STEPS>) wallMs(STEPS[step]); // warm the file cache
  for (let i = 0; i < runs; i++) for (const step of Object.keys(STEPS) as Array<keyof typeof STEPS>) times[step].push(wallMs(STEPS[step]));
  const [bare, help, staffing] = [median(times.bare), median(times.help), median(times.staffing)];
  const round = (x: number, d = 0) => Number(x.toFixed(d));
  return {
    runs, compiled: currentBuild() !== null,
    bare_node_ms: round(bare), help_ms: round(help), staffing_ms: round(staffing),
    help_vs_node: round(help / bare, 2), staffing_vs_node: round(staffing / bare, 2),
    goal_help_vs_node: 3, goal_staffing_vs_node: 4
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const r = await cliStart(args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : undefined);
  console.log(
    `node -e 1 ${r.bare_node_ms} ms; --help ${r.help_ms} ms: ${r.help_vs_node}x (goal <= ${r.goal_help_vs_node}x); ` +
      `staffing ${r.staffing_ms} ms: ${r.staffing_vs_node}x (goal <= ${r.goal_staffing_vs_node}x); median of ${r.runs}, ${r.compiled ? 'compiled' : 'from the sources'}`
  );
}
