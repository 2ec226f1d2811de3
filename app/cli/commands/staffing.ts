/** `callboard staffing --calls N --period-s S --aht-s A [...]`: agents needed for one interval. */
import { staffingReport } from '../../../analytics/staffing/staffing.ts';
import { InputError } from '../../../sql/errors.ts';

export interface StaffingCliOptions {
  calls: string; periodS: string; ahtS: string; slTarget: string; slThresholdS: string;
  patienceS?: string; shrinkage: string; maxOccupancy: string; json?: boolean;
}

function num(name: string, value: string, check: (n: number) => boolean, rule: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new InputError(`--${name}: "${value}" must be ${rule}`);
  return n;
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

export function run(o: StaffingCliOptions): void {
  const report = staffingReport({
    callsPerPeriod: num('calls', o.calls, (n) => n >= 0, 'a number of calls >= 0'),
    periodS: num('period-s', o.periodS, (n) => n > 0, 'seconds > 0'),
    ahtS: num('aht-s', o.ahtS, (n) => n > 0, 'seconds > 0'),
    slTarget: num('sl-target', o.slTarget, (n) => n > 0 && n < 1, 'a fraction between 0 and 1'),
    slThresholdS: num('sl-threshold-s', o.slThresholdS, (n) => n >= 0, 'seconds >= 0'),
    patienceS: o.patienceS === undefined ? undefined : num('patience-s', o.patienceS, (n) => n > 0, 'seconds > 0'),
    shrinkage: num('shrinkage', o.shrinkage, (n) => n >= 0 && n < 1, 'a fraction from 0 up to 1'),
    maxOccupancy: num('max-occupancy', o.maxOccupancy, (n) => n > 0 && n <= 1, 'a fraction above 0 up to 1')
  });
  if (o.json) {
    process.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  process.stdout.write(
    [
      `agents needed      ${report.agents}`,
      `scheduled agents   ${report.scheduled_agents} (after shrinkage)`,
      `service level      ${pct(report.service_level)}`,
      `ASA                ${report.asa_s === null ? '-' : `${report.asa_s.toFixed(1)} s`}`,
      `P(wait)            ${pct(report.p_wait)}`,
      `occupancy          ${pct(report.occupancy)}`,
      `P(abandon)         ${pct(report.p_abandon)}`
    ].join('\n') + '\n'
  );
}
