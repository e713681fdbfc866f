/**
 * Load generator of the mining-pool benchmarks, run as a separate process (its own core, its own
 * file descriptors):
 *   pool-load.ts connections <port> <n>   opens n Stratum connections (subscribe + authorize each),
 *                                          prints `HELD <n>` once every one got its first job, then
 *                                          keeps them open until stdin closes
 *   pool-load.ts shares <port> <n> <conns> finds n valid shares over `conns` connections (native
 *                                          kernel) and then sends them all as fast as the server
 *                                          reads; prints `DONE <accepted> <rejected> <ms>`
 */
import { connect, type Socket } from 'node:net';
import { StratumMiner } from '../src/testing/stratum-miner.js';
import { scanNonces } from '../src/miner/kernel.js';
import { targetForDifficulty } from '../src/testing/stratum-miner.js';

const ADDRESS = 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd';

async function connections(port: number, n: number): Promise<void> {
  const sockets: Socket[] = [];
  let ready = 0;
  const batch = 200;
  for (let i = 0; i < n; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, (_, j) => {
        return new Promise<void>((resolve) => {
          const s = connect({ host: '127.0.0.1', port });
          sockets.push(s);
          let buf = '';
          let got = false;
          s.setEncoding('utf8');
          s.on('error', () => resolve());
          s.on('connect', () => {
            s.write(`{"id":1,"method":"mining.subscribe","params":["bench"]}\n{"id":2,"method":"mining.authorize","params":["${ADDRESS}.w${i + j}","x"]}\n`);
            resolve();
          });
          s.on('data', (d: string) => {
            if (got) return;
            buf += d;
            if (buf.includes('mining.notify')) {
              got = true;
              buf = '';
              ready++;
            }
          });
        });
      }),
    );
  }
  const t0 = Date.now();
  while (ready < n && Date.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 50));
  process.stdout.write(`HELD ${ready}\n`);
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}

async function shares(port: number, n: number, conns: number): Promise<void> {
  const miners = Array.from({ length: conns }, (_, i) => new StratumMiner({ port, user: `${ADDRESS}.s${i}`, idle: true }));
  for (const m of miners) await m.start();
  while (miners.some((m) => !m.job)) await new Promise((r) => setTimeout(r, 20));
  // Find the shares first (not timed).
  const lines: string[][] = miners.map(() => []);
  const per = Math.ceil(n / conns);
  miners.forEach((m, k) => {
    const job = m.job!;
    const target = targetForDifficulty(job.difficulty);
    const t = new Uint8Array(32);
    let v = target;
    for (let i = 0; i < 32; i++) {
      t[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    for (let e = 0; lines[k].length < per; e++) {
      const en2 = m.en2Hex(e);
      const header = m.header(job, en2);
      const r = scanNonces(header, t, 0, 1 << 24);
      if (!r.found) continue;
      lines[k].push(JSON.stringify({ id: 4, method: 'mining.submit', params: [m.o.user, job.id, en2, job.ntime, (r.nonce >>> 0).toString(16).padStart(8, '0')] }) + '\n');
    }
  });
  let accepted = 0;
  let rejected = 0;
  let answered = 0;
  const total = lines.reduce((a, l) => a + l.length, 0);
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    miners.forEach((m, k) => {
      m.on('line', (line) => {
        if (!line.startsWith('{"id":4')) return;
        answered++;
        if (line.includes('"result":true')) accepted++;
        else rejected++;
        if (answered === total) resolve();
      });
      m.writeRaw(lines[k].join(''));
    });
  });
  const ms = performance.now() - t0;
  process.stdout.write(`DONE ${accepted} ${rejected} ${ms.toFixed(1)}\n`);
  for (const m of miners) m.stop();
  process.exit(0);
}

const [mode, port, n, conns] = process.argv.slice(2);
if (mode === 'connections') void connections(Number(port), Number(n));
else if (mode === 'shares') void shares(Number(port), Number(n), Number(conns ?? 8));
else {
  process.stderr.write('usage: pool-load.ts connections <port> <n> | shares <port> <n> <conns>\n');
  process.exit(2);
}
