/**
 * One roster model solved by HiGHS in a worker thread, started by analytics/roster-optimiser.ts.
 *
 * Why a worker: HiGHS (WebAssembly) blocks its thread, and it checks its time limit only between
 * steps (one round of root cuts can take many seconds), so on the server's own thread a solve would
 * freeze every request and could overrun its limit. Here it runs apart; every improving roster is
 * posted to the parent as soon as it is found, and the parent ends the thread at the deadline and
 * keeps the best one. Plain JavaScript because a worker is loaded by its path, outside the bundler
 * and the TypeScript loader.
 *
 * workerData: { model (HiGHS ModelData), start (column values or null), under: [from, to] (columns of
 * the under-coverage), over: [from, to], rounds: [{ costs: { under, over }, share }] (over: one cost, or
 * one per over column; share: the share of the
 * time left a round may use), seconds (in all), options, log }.
 * Round 1 minimises under-coverage alone; each later round first holds Σ under at the previous round's
 * value, then minimises its own costs. Messages: { type: 'solution', round, values } for every
 * improving roster and each round's end, { type: 'round', round, status, gap }, { type: 'done' }.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import loadHighs from 'highs';

const highs = await loadHighs({ wasmBinary: readFileSync(createRequire(import.meta.url).resolve('highs/runtime')) });
const { model: data, start, under, over, rounds, seconds, options, log } = workerData;
const deadline = performance.now() + seconds * 1000;
const types = highs.constants.callbackType;

highs.withModel(data, (model) => {
  let values = start;
  rounds.forEach((round, r) => {
    const underCols = { kind: 'range', from: under[0], to: under[1] };
    const overCols = { kind: 'range', from: over[0], to: over[1] };
    const n = under[1] - under[0] + 1;
    if (r > 0 && values) {
      let total = 0;
      for (let i = under[0]; i <= under[1]; i++) total += values[i];
      const indices = Int32Array.from({ length: n }, (_, i) => under[0] + i);
      model.addRow(-Infinity, total + 1e-6, { indices, values: new Float64Array(n).fill(1) });
    }
    model.changeColsCost(underCols, new Float64Array(n).fill(round.costs.under));
    model.changeColsCost(overCols, Array.isArray(round.costs.over) ? Float64Array.from(round.costs.over) : new Float64Array(n).fill(round.costs.over));
    // Each round may take its share of the time left (HiGHS's own limit; the parent enforces the total).
    const left = (deadline - performance.now()) / 1000;
    model.options.set({ ...options, time_limit: Math.max(0.5, left * round.share), output_flag: !!log });
    if (values) model.setSolution({ colValue: values });
    const run = model.run({
      [types.mipImprovingSolution]: (e) => {
        if (e.data.mip_solution) parentPort.postMessage({ type: 'solution', round: r, values: e.data.mip_solution });
      },
      ...(log ? { [types.logging]: (e) => void process.stderr.write(e.message) } : {})
    });
    const found = Number(model.info.get('primal_solution_status')) === 2;
    if (found) {
      values = Float64Array.from(model.getSolution().colValue);
      parentPort.postMessage({ type: 'solution', round: r, values });
    }
    parentPort.postMessage({ type: 'round', round: r, status: run.modelStatus, gap: found ? Number(model.info.get('mip_gap')) : null });
  });
});
parentPort.postMessage({ type: 'done' });
