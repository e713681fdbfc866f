/**
 * Mining-pool crash-test worker: a chain on LevelDB with the mining pool on top (its own LevelDB
 * ledger, PPS, every balance paid out), so a parent process can SIGKILL it at any moment while
 * Stratum miners submit shares, and check what survived (test/e2e/mining-pool-crash.test.ts).
 *
 *   node --import tsx src/testing/mining-pool-crash-worker.ts <dir> run      serve miners until killed
 *   node --import tsx src/testing/mining-pool-crash-worker.ts <dir> verify   print one JSON report, exit
 *
 * `run` prints `READY <stratum port> <pool address>` once the pool listens. The network is regtest
 * with a fixed difficulty of 2^-16, no halving and a coinbase maturity of 3; its genesis time is kept in
 * `<dir>/genesis-time` so every restart opens the same chain. `verify` reports the ledger's
 * workers, balances and payouts, and what the main chain holds of the pool key's transactions.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LevelKv } from '../storage/level-kv.js';
import { ChainStore } from '../storage/chain-store.js';
import { Chain } from '../chain/chain.js';
import { PowEngine } from '../consensus/pow/engine.js';
import { StateMachine } from '../state/state-machine.js';
import { coreModules } from '../state/modules/index.js';
import { installNativeHashing } from '../crypto/native.js';
import { encodeAddress } from '../crypto/address.js';
import { bytesToHex } from '../encoding/hex.js';
import { decode } from '../encoding/codec.js';
import { powParams, regtest, type NetworkParams } from '../params/networks.js';
import { txSender } from '../primitives/tx.js';
import { MultiSendParams } from '../state/modules/bank/schemas.js';
import { Mempool } from '../mempool/mempool.js';
import { MiningPool } from '../mining-pool/service.js';
import { PoolLedger } from '../mining-pool/ledger/ledger.js';
import { loadOrCreatePoolKey } from '../mining-pool/key.js';
import { prepareTx, decodeTx } from '../primitives/tx.js';

function params(dir: string): NetworkParams {
  const f = join(dir, 'genesis-time');
  if (!existsSync(f)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(f, String(Math.floor(Date.now() / 1000) - 60));
  }
  const time = Number(readFileSync(f, 'utf8'));
  return {
    ...regtest,
    // No halving within the test (the PPS value of a share stays the same).
    consensus: { engine: 'pow', pow: { ...powParams(regtest), genesisBits: 0x1f00ffff, asertHalfLife: 2 ** 31, subsidy: { initial: 5_000_000_000n, halvingInterval: 1_000_000 } } },
    rewards: { maturity: 3 },
    genesis: { ...regtest.genesis, time },
  };
}

async function openChain(dir: string): Promise<Chain> {
  installNativeHashing();
  const p = params(dir);
  const engine = new PowEngine(p);
  const chain = new Chain({ params: p, store: new ChainStore(await LevelKv.open(join(dir, 'chain'))), engine, stateMachine: new StateMachine(p, coreModules(engine.modules())) });
  await chain.open();
  return chain;
}

async function run(dir: string): Promise<void> {
  const chain = await openChain(dir);
  const mempool = new Mempool(chain);
  const pool = new MiningPool(
    {
      dir: join(dir, 'pool'),
      host: '127.0.0.1',
      port: 0,
      scheme: 'pps',
      feeBps: 100,
      pplnsN: 2,
      minPayout: 1n,
      startDifficulty: 2 ** -20,
      vardiff: { windowShares: 1e9, windowSeconds: 1e9 },
      payoutIntervalMs: 200,
      limits: { messagesPerSecond: 100_000, messageBurst: 100_000 },
    },
    { chain, mempool },
  );
  await pool.start();
  process.stdout.write(`READY ${pool.p.server.port} ${pool.p.key.addressText}\n`);
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}

async function verify(dir: string): Promise<void> {
  const chain = await openChain(dir);
  const { key } = await loadOrCreatePoolKey(join(dir, 'pool', 'key.json'));
  const ledger = await PoolLedger.open(await LevelKv.open(join(dir, 'pool', 'ledger')));
  const onchain: Record<string, string> = {};
  const nonces: string[] = [];
  const txIds: string[] = [];
  for (let h = 1; h <= chain.tip.height; h++) {
    const pb = await chain.getBlock(chain.index.atHeight(h)!.hash);
    for (const tx of pb!.block.txs) {
      if (bytesToHex(txSender(tx)) !== bytesToHex(key.address)) continue;
      nonces.push(tx.body.nonce.toString());
      txIds.push(bytesToHex(prepareTx(tx).id));
      for (const o of decode(MultiSendParams, tx.body.params).outputs) {
        const a = encodeAddress(o.to);
        onchain[a] = (BigInt(onchain[a] ?? '0') + o.amount).toString();
      }
    }
  }
  const report = {
    height: chain.tip.height,
    workers: Object.fromEntries([...ledger.workers.values()].map((w) => [`${encodeAddress(w.address)}.${w.worker}`, w.accepted.toString()])),
    balances: Object.fromEntries([...ledger.balances.entries()].map(([hex, b]) => [encodeAddress(Uint8Array.from(Buffer.from(hex, 'hex'))), { balance: b.balance.toString(), credited: b.credited.toString(), paid: b.paid.toString() }])),
    payouts: (await ledger.payouts(1_000_000)).map((p) => ({
      seq: p.seq.toString(),
      status: p.status,
      nonce: p.nonce.toString(),
      outputs: p.outputs.map((o) => ({ address: encodeAddress(o.address), amount: o.amount.toString() })),
      txIds: p.txs.map((t) => bytesToHex(prepareTx(decodeTx(t), t).id)),
    })),
    onchain,
    poolTxNonces: nonces,
    poolTxIds: txIds,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
  await ledger.close();
  await chain.close();
}

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'run' && mode !== 'verify')) {
  process.stderr.write('usage: mining-pool-crash-worker.ts <dir> run|verify\n');
  process.exit(2);
}
(mode === 'run' ? run(dir) : verify(dir)).catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
