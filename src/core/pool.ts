// Reading and analyzing a large workspace on several threads (CLI). The main thread and N worker
// threads pull chunks of files from one shared counter, so the work balances itself; the main thread
// never sits idle while workers start. The API stays synchronous (openProject's `analyze` hook): the
// main thread waits for the workers with Atomics.wait and collects their results with
// receiveMessageOnPort. A worker that cannot start, fails or stalls costs nothing but time: the main
// thread analyzes whatever it did not deliver.
//
// The worker script is this module's own file (the CLI bundle, or the compiled core under out/): the
// check at the bottom turns it into a worker when it is loaded with our workerData. An entry point
// that runs something at load time must skip that in a worker (src/cli/index.ts checks isMainThread).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, isMainThread, workerData, type MessagePort } from 'node:worker_threads';
import { analyzeFile, makeRuleSet, readRecordFile, skippedAnalysis, unreadableAnalysis, type FileAnalysis, type RuleSet } from './analyze';
import type { Linter } from './linter';
import type { Severity } from './model';
import { DEFAULT_LIMITS } from './limits';
import { Locator } from './parse';
import type { Env } from './rule';
import { RULES } from './rules';

const TAG = '__aimsAnalyzeWorker';

// Layout of the shared Int32Array.
const NEXT = 0;      // next chunk to claim
const DONE = 1;      // workers that have finished (or given up)
const PROGRESS = 2;  // files analyzed so far, by all threads (stall detection)
const STATE = 3;     // STATE + w: worker w is 0 not started, 1 running, 2 cancelled before it started, 3 stopped (over the time budget)
// STATE + workers + w: 1 + the index of the file worker w is analyzing (0: none)

interface WorkerJob {
  [TAG]: true;
  index: number;
  root: string;
  files: string[];
  chunk: number;
  shared: SharedArrayBuffer;
  port: MessagePort;
  env: Env;
  severities: Record<string, Severity | 'off'>;
}

interface ChunkResult { chunk: number; analyses: FileAnalysis[]; error?: string }

export interface ParallelOptions {
  /** Worker threads besides the main thread; default: available cores − 1 (at most 7). */
  workers?: number;
  /**
   * Files per worker thread at least (default 6,000). A worker takes ~50 ms to start and warms up its
   * own JIT, and the main thread deserializes its results. Measured on 2 cores (whole `aims lint`):
   * one worker is a loss at 1,000 records, even at 5,000, 12% faster at 10,000, 19% at 20,000.
   */
  minFilesPerWorker?: number;
  /** Give up on the workers when no thread made progress for this long (ms). */
  stallMs?: number;
  /** The worker script; default: this module's file. */
  script?: string;
  /** Whether the main thread analyzes files too (default); false: it only collects (tests). */
  mainThread?: boolean;
}

/**
 * An `analyze` hook for openProject that reads and analyzes the files on the main thread and worker
 * threads. Returns undefined (analyze on the main thread as usual) when workers would not pay off:
 * few files, one core, or a linter with rules other than the built-in ones.
 */
export function parallelAnalyzer(opts: ParallelOptions = {}): (files: string[], linter: Linter, root: string) => FileAnalysis[] | undefined {
  return (files, linter, root) => {
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    const want = opts.workers ?? Math.min(7, cores - 1);
    const workers = Math.min(want, Math.floor(files.length / (opts.minFilesPerWorker ?? 6000)));
    const severities = builtinSeverities(linter.ruleSet);
    if (workers < 1 || !severities) return undefined;
    return analyzeParallel(root, files, linter, workers, severities, opts);
  };
}

/** The linter's severities as overrides of RULES, or undefined when it runs other rules. */
function builtinSeverities(set: RuleSet): Record<string, Severity | 'off'> | undefined {
  const builtin = new Set<unknown>(RULES);
  for (const r of [...set.file, ...set.record, ...set.workspace]) if (!builtin.has(r)) return undefined;
  const out: Record<string, Severity | 'off'> = {};
  for (const r of RULES) out[r.id] = set.severity.get(r.id) ?? 'off';
  return out;
}

function analyzeParallel(root: string, files: string[], linter: Linter, workers: number, severities: Record<string, Severity | 'off'>, opts: ParallelOptions): FileAnalysis[] {
  const threads = workers + 1;
  const chunk = Math.max(8, Math.min(64, Math.ceil(files.length / (threads * 16))));
  const chunks = Math.ceil(files.length / chunk);
  const sab = new SharedArrayBuffer(4 * (STATE + 2 * workers));
  const shared = new Int32Array(sab);
  const channels: { worker: Worker; port: MessagePort }[] = [];
  for (let w = 0; w < workers; w++) {
    try {
      const { port1, port2 } = new MessageChannel();
      const job: WorkerJob = { [TAG]: true, index: w, root, files, chunk, shared: sab, port: port2, env: linter.env, severities };
      const worker = new Worker(opts.script ?? __filename, {
        workerData: job, transferList: [port2],
        stdout: true, stderr: true, // never write to the CLI's output
      });
      worker.on('error', () => { /* its chunks are redone below */ });
      worker.unref();
      channels.push({ worker, port: port1 });
    } catch {
      Atomics.store(shared, STATE + w, 2);
    }
  }

  // The main thread's share: the same loop as the workers', without locating (the linter does that
  // lazily, with the locators it keeps). Between its chunks it takes in what the workers delivered.
  const byChunk: (FileAnalysis[] | undefined)[] = new Array(chunks);
  const collect = (): void => {
    for (const { port } of channels) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const r = m.message as ChunkResult;
        if (!r.error) byChunk[r.chunk] = r.analyses;
      }
    }
  };
  // The time budget per file (limits.fileTimeoutMs): a worker that sits on one file longer is
  // stopped, that file is reported (input-limit) instead of analyzed, and the rest of its chunk is
  // redone below. Checked whenever the main thread looks at the workers.
  const budget = (linter.env.limits ?? DEFAULT_LIMITS).fileTimeoutMs;
  const timedOut = new Set<number>();
  const seen = channels.map(() => ({ file: 0, since: Date.now() }));
  const watch = (): void => {
    const now = Date.now();
    for (let w = 0; w < channels.length; w++) {
      if (Atomics.load(shared, STATE + w) !== 1) continue;
      const cur = Atomics.load(shared, STATE + workers + w);
      if (cur !== seen[w].file) { seen[w] = { file: cur, since: now }; continue; }
      if (cur > 0 && now - seen[w].since > budget) {
        Atomics.store(shared, STATE + w, 3);
        timedOut.add(cur - 1);
        void channels[w].worker.terminate();
      }
    }
  };
  const mainThread = opts.mainThread !== false;
  if (mainThread) runChunks(root, files, chunk, shared, linter.ruleSet, linter.env, false, -1, (c, list) => { byChunk[c] = list; collect(); watch(); });

  // Workers that have not started by now are not needed: cancel them. Wait for the others, as long
  // as some thread makes progress.
  const cancelPending = (): void => { for (let w = 0; w < workers; w++) Atomics.compareExchange(shared, STATE + w, 0, 2); };
  if (mainThread) cancelPending();
  const stallMs = opts.stallMs ?? 10_000;
  let progress = -1, since = Date.now();
  for (;;) {
    collect();
    watch();
    const done = Atomics.load(shared, DONE);
    let running = 0, pending = 0;
    for (let w = 0; w < workers; w++) {
      const st = Atomics.load(shared, STATE + w);
      if (st === 1) running++; else if (st === 0) pending++;
    }
    if (pending === 0 && done >= running) break;
    const p = Atomics.load(shared, PROGRESS) + running;
    if (p !== progress) { progress = p; since = Date.now(); }
    else if (Date.now() - since > stallMs) break;
    Atomics.wait(shared, DONE, done, 20);
  }
  cancelPending();
  collect();
  for (const { worker, port } of channels) { port.close(); void worker.terminate(); }

  // Chunks that no worker delivered (it failed, stalled or never started): analyze them here.
  const out: FileAnalysis[] = [];
  for (let c = 0; c < chunks; c++) {
    let list = byChunk[c];
    if (!list) {
      list = [];
      for (let i = c * chunk; i < Math.min(files.length, (c + 1) * chunk); i++) {
        const a = timedOut.has(i) ? overBudget(files[i], budget, linter.ruleSet) : readAndAnalyze(root, files[i], linter.ruleSet, linter.env, false);
        if (a) list.push(a);
      }
    }
    for (const a of list) out.push(a);
  }
  return out;
}

/** The analysis of a file given up after `ms` on a worker thread. */
function overBudget(file: string, ms: number, rules: RuleSet): FileAnalysis {
  return skippedAnalysis(file, `Checking this file took longer than ${ms.toLocaleString('en-US')} ms on a worker thread, so it was stopped and not checked. Simplify the file, or raise limits.fileTimeoutMs in aims/aims.config.yaml.`, rules);
}

/** `slot`: where this thread posts the file it is analyzing (a worker's STATE + workers + w), or -1. */
function runChunks(root: string, files: string[], chunk: number, shared: Int32Array, ruleSet: RuleSet, env: Env, locate: boolean, slot: number, deliver: (chunk: number, analyses: FileAnalysis[]) => void): void {
  for (;;) {
    const c = Atomics.add(shared, NEXT, 1);
    const start = c * chunk;
    if (start >= files.length) return;
    const list: FileAnalysis[] = [];
    const end = Math.min(files.length, start + chunk);
    for (let i = start; i < end; i++) {
      if (slot >= 0) Atomics.store(shared, slot, i + 1);
      const a = readAndAnalyze(root, files[i], ruleSet, env, locate);
      if (a) list.push(a);
    }
    if (slot >= 0) Atomics.store(shared, slot, 0);
    Atomics.add(shared, PROGRESS, end - start);
    deliver(c, list);
  }
}

function readAndAnalyze(root: string, file: string, ruleSet: RuleSet, env: Env, locate: boolean): FileAnalysis | undefined {
  const r = readRecordFile(path.join(root, file), env.limits);
  const a = 'error' in r ? unreadableAnalysis(file, r.error, ruleSet) : analyzeFile(file, r.text, ruleSet, env, r.note);
  if (locate && a.findings.length) locateOwn(a);
  return a;
}

/** Sets the ranges of a file's own findings (as Linter.locate would), on the thread that has the text. */
function locateOwn(a: FileAnalysis): void {
  let loc: Locator | undefined;
  const at = (p: (string | number)[], t: 'key' | 'value' | 'entry') => (loc ??= new Locator(a.text, a.cleanYaml)).locate(p, t);
  for (const f of a.findings) {
    if (f.file !== a.file) continue;
    if (!f.range) f.range = at(f.path, f.target);
    if (f.related) for (const r of f.related) if (r.file === a.file && !r.range && r.path) r.range = at(r.path, r.target ?? 'value');
  }
}

function runWorker(job: WorkerJob): void {
  const shared = new Int32Array(job.shared);
  // The main thread may have finished everything and cancelled us already.
  if (Atomics.compareExchange(shared, STATE + job.index, 0, 1) !== 0) { job.port.close(); return; }
  try {
    const ruleSet = makeRuleSet(RULES, job.severities);
    const workers = (shared.length - STATE) / 2;
    runChunks(job.root, job.files, job.chunk, shared, ruleSet, job.env, true, STATE + workers + job.index, (chunk, analyses) => {
      job.port.postMessage({ chunk, analyses } satisfies ChunkResult);
    });
  } catch (e) {
    // the chunk in hand is lost; the main thread redoes it
    try { job.port.postMessage({ chunk: -1, analyses: [], error: String(e) } satisfies ChunkResult); } catch { /* closed */ }
  } finally {
    job.port.close();
    Atomics.add(shared, DONE, 1);
    Atomics.notify(shared, DONE);
  }
}

if (!isMainThread && (workerData as Partial<WorkerJob> | null)?.[TAG]) runWorker(workerData as WorkerJob);
