/**
 * Pure staffing math for inbound call queues: Erlang C (M/M/n) and Erlang A
 * (M/M/n+M, Palm's model with exponential patience). No I/O, no dependencies.
 * All times are in seconds.
 *
 * References
 * - G. Koole, "Call Center Optimization" (MG books, 2013), chapters on the Erlang
 *   B, C and A models: Erlang B recursion, Erlang C from Erlang B, service level
 *   and ASA formulas, square-root staffing.
 * - A. Mandelbaum & S. Zeltyn, "Service Engineering in Action: the Palm/Erlang-A
 *   Queue, with Applications to Call Centers" (2007); O. Garnett, A. Mandelbaum &
 *   M. Reiman, "Designing a Call Center with Impatient Customers", MSOM 4(3), 2002:
 *   the birth-death chain of Erlang A and P(abandon) = theta * E[queue] / lambda.
 * - A. Jensen (1953) / W. Grassmann (1977): uniformisation for transient
 *   probabilities of a continuous-time Markov chain.
 *
 * Numerical choices
 * - Erlang C never forms A^n or n!: the Erlang B recursion
 *   B(k) = A*B(k-1) / (k + A*B(k-1)) stays in [0, 1] for any n, and
 *   C = n*B / (n - A*(1 - B)).
 * - The Erlang A stationary law is built in log space and normalised once, so a
 *   1,000-agent chain neither overflows nor underflows before normalisation; the
 *   queue is truncated where probabilities fall below TAIL of the mode.
 * - P(answered within T | j callers ahead) is computed by uniformisation. The wait
 *   is a hypoexponential sum whose rates n*mu + i*theta differ only by theta
 *   (tiny for long patience), so the closed form sum_i c_i*exp(-r_i*t) has huge
 *   alternating coefficients prod r_k / (r_k - r_i) and cancels catastrophically.
 *   Uniformisation only adds and multiplies non-negative numbers (Poisson weights
 *   times DTMC probabilities), so it is stable and its truncation error is bounded
 *   by the Poisson tail we drop (< 1e-16).
 */

/** Relative probability below which the Erlang A queue is truncated. */
const TAIL = 1e-14;
/** Guard against pathological chains (e.g. near-infinite patience while overloaded). */
const MAX_STATES = 5_000_000;
/** Upper bound for the agent search. */
const MAX_AGENTS = 10_000_000;
/** Upper bound for the expected events within the threshold in answeredWithin (a real queue: below 1,000). */
const MAX_UNIFORM_STEPS = 1_000_000;

/** Common inputs of both models. */
export interface QueueInput {
  /** Calls offered in the period. */
  callsPerPeriod: number;
  /** Period length in seconds (e.g. 1800 for a half hour). */
  periodS: number;
  /** Average handle time in seconds. */
  ahtS: number;
  /** Number of agents (non-negative integer). */
  agents: number;
  /** Service-level threshold T in seconds ("answered within T"). */
  slThresholdS: number;
}

export interface ErlangAInput extends QueueInput {
  /** Mean caller patience in seconds (abandon rate theta = 1 / patienceS). */
  patienceS: number;
}

/**
 * Per-arrival figures. A figure is null when it has no denominator: no calls
 * offered (pWait, serviceLevel, asaS, pAbandon), no agents (occupancy), or no
 * answered calls (asaS under Erlang A).
 */
export interface QueueFigures {
  agents: number;
  pWait: number | null;
  serviceLevel: number | null;
  asaS: number | null;
  occupancy: number | null;
}

export interface ErlangCResult extends QueueFigures {
  trafficErlangs: number;
}

export interface ErlangAResult extends QueueFigures {
  pAbandon: number | null;
}

export interface StaffingInput {
  callsPerPeriod: number;
  periodS: number;
  ahtS: number;
  /** Required share of calls answered within slThresholdS, in [0, 1). */
  slTarget: number;
  slThresholdS: number;
  /** Mean patience in seconds; when given the Erlang A model is used. */
  patienceS?: number;
  /** Maximum occupancy in (0, 1]; default 1 (no cap). */
  maxOccupancy?: number;
  /** Maximum ASA in seconds (> 0). */
  asaTargetS?: number;
  /** Share of paid time not on the phones, in [0, 1); default 0. */
  shrinkage?: number;
  /**
   * Where the agent search starts (default square-root staffing), e.g. the answer of a like interval:
   * the answer is the same from any start, a near one only takes fewer evaluations.
   */
  searchFrom?: number;
}

export interface StaffingResult extends QueueFigures {
  model: 'erlang-c' | 'erlang-a';
  trafficErlangs: number;
  /** Null under Erlang C (no abandonment in the model). */
  pAbandon: number | null;
  /** ceil(agents / (1 - shrinkage)). */
  scheduledAgents: number;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

/** Validates the common inputs; returns arrival rate lambda (1/s) and offered load A = lambda * AHT (Erlangs). */
function offeredLoad(input: Omit<QueueInput, 'agents'>): { lambda: number; traffic: number } {
  const { callsPerPeriod, periodS, ahtS, slThresholdS } = input;
  check(Number.isFinite(callsPerPeriod) && callsPerPeriod >= 0, 'callsPerPeriod must be a finite number >= 0');
  check(Number.isFinite(periodS) && periodS > 0, 'periodS must be a finite number > 0');
  check(Number.isFinite(ahtS) && ahtS > 0, 'ahtS must be a finite number > 0');
  check(Number.isFinite(slThresholdS) && slThresholdS >= 0, 'slThresholdS must be a finite number >= 0');
  // callsPerPeriod * ahtS / periodS avoids rounding 100/1800*180 away from exactly 10.
  return { lambda: callsPerPeriod / periodS, traffic: (callsPerPeriod * ahtS) / periodS };
}

function checkAgents(agents: number): void {
  check(Number.isInteger(agents) && agents >= 0, 'agents must be an integer >= 0');
  check(agents <= MAX_AGENTS, `agents must be at most ${MAX_AGENTS}`);
}

/** Figures when no calls are offered: every per-call ratio lacks a denominator. */
function idleFigures(agents: number): QueueFigures {
  return { agents, pWait: null, serviceLevel: null, asaS: null, occupancy: agents > 0 ? 0 : null };
}

/**
 * Erlang B blocking probability by the recursion B(0) = 1,
 * B(k) = A*B(k-1) / (k + A*B(k-1)) (Koole, Call Center Optimization).
 */
export function erlangB(traffic: number, agents: number): number {
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/**
 * Erlang C (M/M/n, FCFS, no abandonment). C = n*B / (n - A*(1 - B));
 * SL(T) = 1 - C*exp(-(n - A)*T/AHT); ASA = C*AHT/(n - A); occupancy = A/n
 * (Koole, Call Center Optimization).
 * Overload (agents <= traffic) has no steady state: the queue grows without
 * bound, so pWait = 1, serviceLevel = 0, asaS = Infinity and occupancy = 1
 * (null with 0 agents).
 */
export function erlangC(input: QueueInput): ErlangCResult {
  const { lambda, traffic } = offeredLoad(input);
  const n = input.agents;
  checkAgents(n);
  if (lambda === 0) return { ...idleFigures(n), trafficErlangs: 0 };
  if (n <= traffic) {
    return { agents: n, trafficErlangs: traffic, pWait: 1, serviceLevel: 0, asaS: Infinity, occupancy: n > 0 ? 1 : null };
  }
  const b = erlangB(traffic, n);
  const c = (n * b) / (n - traffic * (1 - b));
  return {
    agents: n,
    trafficErlangs: traffic,
    pWait: c,
    serviceLevel: 1 - c * Math.exp((-(n - traffic) * input.slThresholdS) / input.ahtS),
    asaS: (c * input.ahtS) / (n - traffic),
    occupancy: traffic / n,
  };
}

/**
 * Stationary law of the Erlang A birth-death chain (Mandelbaum & Zeltyn 2007):
 * birth rate lambda, death rate min(k,n)*mu + max(k-n,0)*theta in state k.
 * Built in log space, truncated once past the mode and below TAIL of it,
 * then normalised. Index k = number of callers in the system.
 */
function erlangAStationary(lambda: number, mu: number, theta: number, n: number): Float64Array {
  const logs: number[] = [0];
  let maxLog = 0;
  const logLambda = Math.log(lambda);
  const logTail = Math.log(TAIL);
  for (let k = 1; ; k++) {
    check(k < MAX_STATES, 'Erlang A state space too large (patience too long for this overload); use Erlang C');
    const death = Math.min(k, n) * mu + Math.max(k - n, 0) * theta;
    const log = logs[k - 1] + logLambda - Math.log(death);
    logs.push(log);
    maxLog = Math.max(maxLog, log);
    if (k > n && death >= lambda && log - maxLog < logTail) break;
  }
  // (plain loops: the same sums in the same order as Float64Array.from/reduce/map, at a third of the time)
  const p = new Float64Array(logs.length);
  let total = 0;
  for (let k = 0; k < p.length; k++) {
    p[k] = Math.exp(logs[k] - maxLog);
    total += p[k];
  }
  for (let k = 0; k < p.length; k++) p[k] = p[k] / total;
  return p;
}

/**
 * Poisson(x) probabilities for counts 0..length-1, computed outward from the mode
 * (so exp(-x) never underflows for large x) and normalised; terms below 1e-17 of
 * the mode are dropped, and the array ends where the right tail is cut.
 */
function poissonWeights(x: number): Float64Array {
  const mode = Math.floor(x);
  const up: number[] = [1];
  while (up[up.length - 1] > 1e-17 || up.length < 2) up.push((up[up.length - 1] * x) / (mode + up.length));
  const w = new Float64Array(mode + up.length);
  w.set(up, mode);
  for (let m = mode - 1; m >= 0 && w[m + 1] > 1e-17; m--) w[m] = (w[m + 1] * (m + 1)) / x;
  let total = 0;
  for (let m = 0; m < w.length; m++) total += w[m];
  for (let m = 0; m < w.length; m++) w[m] = w[m] / total;
  return w;
}

/**
 * P(answered within T | j callers ahead), j = 0..stages-1, for a tagged caller in
 * Erlang A. With i callers ahead its position advances at rate r_i = n*mu + i*theta
 * (a service completion or an abandonment ahead; at i = 0 the advance is being
 * served) and it abandons at rate theta. Uniformisation at Lambda = the largest
 * total rate r_i + theta: u_m(j) = P(served within m uniformised steps), and
 * P(served by T) = sum_m Poisson(m; Lambda*T) * u_m(j).
 * Callers with j >= number of Poisson terms cannot be served in time (need j+1 steps).
 */
function answeredWithin(n: number, mu: number, theta: number, stages: number, t: number): Float64Array {
  const rate = (i: number): number => n * mu + i * theta;
  const big = rate(stages); // = r_{stages-1} + theta, the largest total rate
  // Each uniformised step is a pass over the stages: bounded, so absurd inputs fail fast, not slowly.
  check(big * t <= MAX_UNIFORM_STEPS, 'Erlang A: too many events within the threshold for this model; use Erlang C');
  const weights = poissonWeights(big * t);
  const jMax = Math.min(stages, weights.length) - 1;
  const u = new Float64Array(jMax + 1);
  const out = new Float64Array(stages);
  // Each step's two factors per stage, worked out once (the same values as in the loop: r_j / big and 1 - r_{j+1} / big).
  const advance = new Float64Array(jMax + 1);
  const stay = new Float64Array(jMax + 1);
  for (let j = 0; j <= jMax; j++) {
    advance[j] = rate(j) / big;
    stay[j] = 1 - rate(j + 1) / big;
  }
  for (let m = 1; m < weights.length; m++) {
    for (let j = Math.min(jMax, m - 1); j >= 0; j--) {
      const ahead = j === 0 ? 1 : u[j - 1];
      u[j] = advance[j] * ahead + stay[j] * u[j];
    }
    for (let j = 0; j <= jMax; j++) out[j] += weights[m] * u[j];
  }
  return out;
}

/**
 * Erlang A (M/M/n+M, Palm): Poisson arrivals, exponential service (mean AHT) and
 * exponential patience (mean patienceS), FCFS (Mandelbaum & Zeltyn 2007; Koole,
 * Call Center Optimization). By PASTA an arrival sees the stationary law.
 * - pWait = P(all agents busy at arrival).
 * - pAbandon = theta * E[queue] / lambda.
 * - serviceLevel = P(answered AND waited <= T), over ALL arrivals (abandons are misses).
 * - asaS = mean wait of ANSWERED callers: with j ahead a caller is answered with
 *   probability prod r_i/(r_i+theta) = n*mu/(n*mu+(j+1)*theta), and given that,
 *   waits sum_{i=0..j} 1/(n*mu+(i+1)*theta) on average.
 * - occupancy = carried load / agents = E[busy agents] / n (= lambda*(1 - pAbandon)*AHT / n).
 */
export function erlangA(input: ErlangAInput): ErlangAResult {
  const at = erlangAParts(input);
  return withServiceLevel(at.figures, at.serviceLevel());
}

/** Figures with their service level, in the order the models give them (agents, pWait, serviceLevel, ...). */
function withServiceLevel<F extends { agents: number; pWait: number | null }>(figures: F, serviceLevel: number | null): F & { serviceLevel: number | null } {
  const { agents, pWait, ...rest } = figures;
  return { agents, pWait, serviceLevel, ...rest } as F & { serviceLevel: number | null };
}

const unit = (x: number): number => Math.min(1, Math.max(0, x)); // clamp rounding (~1e-16)

/**
 * erlangA's figures, the service level apart and worked out only when asked: it is the costly part
 * (the uniformisation), and the agent search (agentsNeeded) needs it only where the occupancy cap
 * and the ASA target are met. The same operations in the same order as one pass, so the same numbers.
 */
function erlangAParts(input: ErlangAInput): { figures: Omit<ErlangAResult, 'serviceLevel'>; serviceLevel: () => number | null } {
  const { lambda } = offeredLoad(input);
  const n = input.agents;
  checkAgents(n);
  check(Number.isFinite(input.patienceS) && input.patienceS > 0, 'patienceS must be a finite number > 0');
  if (lambda === 0) {
    const idle = idleFigures(n);
    return { figures: { ...idle, pAbandon: null }, serviceLevel: () => idle.serviceLevel };
  }
  const mu = 1 / input.ahtS;
  const theta = 1 / input.patienceS;
  const pi = erlangAStationary(lambda, mu, theta, n);
  const queue = pi.subarray(n); // queue[j]: arrival finds all agents busy and j callers waiting
  let pImmediate = 0;
  for (let k = 0; k < n && k < pi.length; k++) pImmediate += pi[k];
  let busyAgents = 0; // carried load in Erlangs
  for (let k = 0; k < pi.length; k++) busyAgents += Math.min(k, n) * pi[k];
  let meanQueue = 0;
  let answered = pImmediate;
  let answeredWait = 0;
  let meanWaitIfServed = 0;
  let waiting = 0;
  for (let j = 0; j < queue.length; j++) {
    const pServed = n === 0 ? 0 : (n * mu) / (n * mu + (j + 1) * theta);
    meanWaitIfServed += 1 / (n * mu + (j + 1) * theta);
    meanQueue += j * queue[j];
    answered += queue[j] * pServed;
    answeredWait += queue[j] * pServed * meanWaitIfServed;
    waiting += queue[j];
  }
  const serviceLevel = () => {
    const within = answeredWithin(n, mu, theta, queue.length, input.slThresholdS);
    let answeredInTime = pImmediate;
    for (let j = 0; j < queue.length; j++) answeredInTime += queue[j] * within[j];
    return unit(answeredInTime);
  };
  return {
    figures: {
      agents: n,
      pWait: unit(waiting),
      asaS: answered > 0 ? answeredWait / answered : null,
      occupancy: n > 0 ? unit(busyAgents / n) : null,
      pAbandon: unit((theta * meanQueue) / lambda),
    },
    serviceLevel,
  };
}

/**
 * Smallest n >= lo with ok(n), for a predicate monotone in n: gallops from `guess`
 * (down while ok, up while not, doubling the step) then bisects the bracket.
 */
function smallestSatisfying(lo: number, guess: number, ok: (n: number) => boolean): number {
  let good: number;
  let bad: number;
  if (ok(guess)) {
    good = guess;
    bad = lo - 1;
    for (let step = 1; good - step >= lo; step *= 2) {
      if (!ok(good - step)) {
        bad = good - step;
        break;
      }
      good -= step;
    }
  } else {
    bad = guess;
    for (let step = 1; ; step *= 2) {
      check(bad + step <= MAX_AGENTS, `no staffing up to ${MAX_AGENTS} agents meets the targets`);
      if (ok(bad + step)) {
        good = bad + step;
        break;
      }
      bad += step;
    }
  }
  while (good - bad > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (ok(mid)) good = mid;
    else bad = mid;
  }
  return good;
}

/**
 * Smallest agent count meeting the service-level target, the ASA target (if
 * any) and the occupancy cap, under Erlang A when patienceS is given, else
 * Erlang C. The search starts at square-root staffing A + sqrt(A) (Koole, Call
 * Center Optimization) and gallops, so 1,000-agent loads take ~15
 * evaluations. Erlang C only considers stable staffing (n > A).
 * Zero calls give 0 agents with null per-call figures.
 */
export function agentsNeeded(input: StaffingInput): StaffingResult {
  const { traffic } = offeredLoad(input);
  const { slTarget, patienceS, asaTargetS, maxOccupancy = 1, shrinkage = 0 } = input;
  check(Number.isFinite(slTarget) && slTarget >= 0 && slTarget < 1, 'slTarget must be in [0, 1)');
  check(Number.isFinite(maxOccupancy) && maxOccupancy > 0 && maxOccupancy <= 1, 'maxOccupancy must be in (0, 1]');
  check(Number.isFinite(shrinkage) && shrinkage >= 0 && shrinkage < 1, 'shrinkage must be in [0, 1)');
  check(asaTargetS === undefined || asaTargetS > 0, 'asaTargetS must be > 0');
  const model = patienceS === undefined ? 'erlang-c' : 'erlang-a';
  const base = { callsPerPeriod: input.callsPerPeriod, periodS: input.periodS, ahtS: input.ahtS, slThresholdS: input.slThresholdS };
  // Each agent count's figures, the service level left to the end: an occupancy or ASA that misses
  // settles the count without it (the same answer, since all three must hold).
  const parts = (agents: number): { figures: Omit<QueueFigures, 'serviceLevel'> & { pAbandon: number | null }; serviceLevel: () => number | null } => {
    if (patienceS !== undefined) return erlangAParts({ ...base, agents, patienceS });
    const { serviceLevel, ...figures } = erlangC({ ...base, agents });
    return { figures: { ...figures, pAbandon: null }, serviceLevel: () => serviceLevel };
  };
  const evaluate = (agents: number): QueueFigures & { pAbandon: number | null } => {
    const r = parts(agents);
    return withServiceLevel(r.figures, r.serviceLevel());
  };
  if (traffic === 0) {
    return { model, trafficErlangs: 0, ...evaluate(0), pAbandon: null, scheduledAgents: 0 };
  }
  const cache = new Map<number, QueueFigures & { pAbandon: number | null }>();
  const meets = (n: number): boolean => {
    const r = parts(n);
    const f = r.figures;
    if (!(f.occupancy !== null && f.occupancy <= maxOccupancy)) return false;
    if (!(asaTargetS === undefined || (f.asaS !== null && f.asaS <= asaTargetS))) return false;
    const sl = r.serviceLevel();
    cache.set(n, withServiceLevel(f, sl));
    return sl !== null && sl >= slTarget;
  };
  // Beyond any staffing: say so at once rather than evaluate a queue of millions of agents.
  check(traffic < MAX_AGENTS, `no staffing up to ${MAX_AGENTS} agents meets the targets`);
  const lo = model === 'erlang-c' ? Math.floor(traffic) + 1 : 1;
  const from = input.searchFrom !== undefined && Number.isInteger(input.searchFrom) && input.searchFrom >= 0 ? input.searchFrom : Math.ceil(traffic + Math.sqrt(traffic));
  const agents = smallestSatisfying(lo, Math.max(lo, from), meets);
  const figures = cache.get(agents) ?? evaluate(agents);
  return { model, trafficErlangs: traffic, ...figures, scheduledAgents: Math.ceil(agents / (1 - shrinkage)) };
}
