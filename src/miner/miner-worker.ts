/**
 * Mining worker thread (started by `CpuMiner`): scans its slice of a job's nonce space in chunks with
 * the best kernel, and between chunks checks a shared job counter so stale work is dropped within one
 * chunk of a new job. Jobs arrive on a MessagePort read synchronously (`receiveMessageOnPort`), so
 * the scan loop never has to yield to the event loop. Hash counts go to a shared BigInt64Array.
 */
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { kernelName, scanNonces } from './kernel.js';
import { CTRL_SEQ, CTRL_STOP, type WorkerData, type WorkerJob, type WorkerReport } from './cpu-miner.js';

const data = workerData as WorkerData;
const ctrl = new Int32Array(data.ctrl);
const counters = new BigInt64Array(data.counters);
const port: MessagePort = data.port;

// Nonces per chunk: sized so a chunk takes about 5-20 ms (2^18 nonces with SHA-NI), so a new job is
// picked up quickly while the per-chunk overhead stays negligible. Adaptive, because the JS kernel
// starts in the interpreter (~100x slower until the JIT has compiled it) and a shared CPU varies.
const MIN_CHUNK = 1 << 10;
const MAX_CHUNK = 1 << 20;
const fixedChunk = data.chunk > 0;
let chunk = fixedChunk ? data.chunk : MIN_CHUNK;

function report(r: WorkerReport): void {
  parentPort?.postMessage(r);
}

let job: (WorkerJob & { next: number; reported: boolean }) | null = null;
report({ type: 'ready', kernel: kernelName() });

for (;;) {
  if (Atomics.load(ctrl, CTRL_STOP) !== 0) break;
  const seq = Atomics.load(ctrl, CTRL_SEQ);
  if (job === null || job.seq !== seq) {
    // The main thread posts the job before bumping the counter: drain to the newest message.
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      const j = m.message as WorkerJob;
      job = { ...j, next: j.start, reported: false };
    }
  }
  if (job !== null && job.seq === seq && job.next >= job.end && !job.reported) {
    // Slice finished (or empty): tell the main thread once, so it can tell when the job is exhausted.
    job.reported = true;
    report({ type: 'done', seq: job.seq });
  }
  if (job === null || job.seq !== seq || job.next >= job.end) {
    // Idle (no job, job finished, or its message not yet read): sleep until the counter moves.
    Atomics.wait(ctrl, CTRL_SEQ, seq, job !== null && job.seq !== seq ? 5 : 200);
    continue;
  }
  const n = Math.min(chunk, job.end - job.next);
  const t0 = performance.now();
  const r = scanNonces(job.header, job.target, job.next, n);
  if (!fixedChunk && r.hashes === n) {
    const ms = performance.now() - t0;
    if (ms < 5 && chunk < MAX_CHUNK) chunk *= 2;
    else if (ms > 20 && chunk > MIN_CHUNK) chunk /= 2;
  }
  Atomics.add(counters, data.index, BigInt(r.hashes));
  job.next += r.hashes;
  if (r.found) {
    report({ type: 'found', seq: job.seq, nonce: r.nonce });
    // A job is solved once: scan no further (on an easy target every chunk would find again and
    // flood the main thread until the next job arrives).
    job.next = job.end;
  }
}
port.close();
