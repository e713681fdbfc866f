/**
 * The mining pool's pure parts, each rule with a test: exact share difficulty (powers of two,
 * targets, weights), line framing with its cap, Stratum hex formats, vardiff (aim, hysteresis,
 * bounds, window of shares or time, suggest_difficulty), the PPLNS window and split and the PPS
 * credit, worker status thresholds, profitability arithmetic, webhook signatures and the terminal
 * hashrate chart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffValue, expAtMost, maxExpForBits, networkWeight, shareTarget, shareWeight, MIN_DIFF_EXP, MAX_DIFF_EXP } from '../../src/mining-pool/difficulty.js';
import { LineSplitter } from '../../src/mining-pool/stratum/lines.js';
import { hex8, parseHex8, parseRequest, replyLine, stratumPrevhash, StratumReject } from '../../src/mining-pool/stratum/messages.js';
import { Vardiff } from '../../src/mining-pool/vardiff.js';
import { pplnsSplit, pplnsWindow, ppsCredit } from '../../src/mining-pool/payouts/schemes.js';
import { workerStatus } from '../../src/mining-pool/monitor/hashrate.js';
import { formatFixed, nftCost, parseDecimal, parseHashrate, period } from '../../src/mining-pool/profitability.js';
import { signBody, verifySignature } from '../../src/mining-pool/alarms/webhook.js';
import { parseWorkerName } from '../../src/mining-pool/stratum/connection.js';
import { targetForDifficulty } from '../../src/testing/stratum-miner.js';
import { createHmac } from 'node:crypto';
import { hashrateText, renderChart } from '../../src/cli/chart.js';

const DIFF1 = 0xffffn << 208n;

test('share difficulty is a power of two: exact target diff1 / 2^e, weight 2^(e+32), rounding down of suggestions', () => {
  assert.equal(shareTarget(0), DIFF1);
  assert.equal(shareTarget(-10), DIFF1 << 10n);
  assert.equal(shareTarget(3), DIFF1 >> 3n);
  assert.equal(shareWeight(0), 1n << 32n);
  assert.equal(shareWeight(-20), 4096n);
  assert.equal(shareWeight(MIN_DIFF_EXP), 1n);
  assert.equal(diffValue(-10), 0.0009765625);
  // The miner's own conversion of the JSON number gives the same target.
  for (const e of [-32, -20, -10, 0, 5, 40]) assert.equal(targetForDifficulty(diffValue(e)), shareTarget(e), `2^${e}`);
  assert.equal(expAtMost(0.001), -10);
  assert.equal(expAtMost(1), 0);
  assert.equal(expAtMost(0.99999), -1);
  assert.equal(expAtMost(1024), 10);
  assert.equal(expAtMost(0), MIN_DIFF_EXP);
  assert.equal(expAtMost(Number.POSITIVE_INFINITY), MIN_DIFF_EXP);
  assert.equal(expAtMost(2 ** 60), MAX_DIFF_EXP);
  assert.throws(() => shareTarget(41), /outside/);
  assert.throws(() => shareWeight(0.5), /outside/);
  // Network weight of bits: diff1 x 2^32 / target (0x1d00ffff is difficulty 1 = 2^32; 0x1f00ffff is 2^-16).
  assert.equal(networkWeight(0x1d00ffff), 1n << 32n);
  assert.equal(networkWeight(0x1f00ffff), 65536n);
  // Shares are never harder than the network.
  assert.equal(maxExpForBits(0x1f00ffff), -16);
  assert.equal(maxExpForBits(0x1d00ffff), 0);
});

test('lines: split packets, several lines per packet, \\r\\n, and the length cap breaks before buffering a long line', () => {
  const s = new LineSplitter(32);
  assert.deepEqual(s.feed(Buffer.from('{"a":')).lines, []);
  assert.deepEqual(s.feed(Buffer.from('1}\n{"b":2}\r\n{"c"')).lines, ['{"a":1}', '{"b":2}']);
  assert.equal(s.pending, 4);
  assert.deepEqual(s.feed(Buffer.from(':3}\n\n')).lines, ['{"c":3}', '']);
  const r = s.feed(Buffer.alloc(40, 0x61));
  assert.equal(r.overflow, true);
  assert.equal(s.feed(Buffer.from('x\n')).overflow, true, 'stays broken');
  const t = new LineSplitter(8);
  assert.equal(t.feed(Buffer.from('12345678\n')).overflow, false, 'exactly the cap is fine');
  assert.equal(t.feed(Buffer.from('123456789\n')).overflow, true);
  // UTF-8 split inside a character is joined before decoding.
  const u = new LineSplitter(64);
  const bytes = Buffer.from('"é"\n');
  assert.deepEqual(u.feed(bytes.subarray(0, 2)).lines, []);
  assert.deepEqual(u.feed(bytes.subarray(2)).lines, ['"é"']);
});

test('messages: 8-hex fields keep leading zeros, prevhash word-swapped, replies carry id, result and [code, message, null]', () => {
  assert.equal(hex8(1), '00000001');
  assert.equal(hex8(0x20000000), '20000000');
  assert.equal(hex8(0xffffffff), 'ffffffff');
  assert.equal(parseHex8('0000000A'), 10);
  assert.equal(parseHex8('abc'), undefined);
  assert.equal(parseHex8('0x000001'), undefined);
  assert.equal(parseHex8(5), undefined);
  // mining.md's genesis example: display 000000000019d668...0a8ce26f.
  const display = '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f';
  const internal = Buffer.from(display, 'hex').reverse();
  assert.equal(stratumPrevhash(internal), '0a8ce26f72b3f1b646a2a6c14ff763ae65831e939c085ae10019d66800000000');
  assert.equal(replyLine(4, true), '{"id":4,"result":true,"error":null}\n');
  assert.equal(replyLine(4, true, new StratumReject(23, 'Low difficulty share')), '{"id":4,"result":null,"error":[23,"Low difficulty share",null]}\n');
  assert.equal(replyLine(undefined, null, new StratumReject(20, 'x')), '{"id":null,"result":null,"error":[20,"x",null]}\n');
  assert.deepEqual(parseRequest('{"id":1,"method":"m"}'), { id: 1, method: 'm', params: [] });
  assert.equal('invalid' in parseRequest('nope'), true);
  assert.equal('invalid' in parseRequest('[1]'), true);
  assert.equal('invalid' in parseRequest('{"id":1,"method":"m","params":{}}'), true);
  // Worker names.
  const addr = 'cw1yq4me5s7nhnep87f9mw8afha5ek3rn4fmkf5hd';
  assert.equal(parseWorkerName(`${addr}.rig_1`)?.worker, 'rig_1');
  assert.equal(parseWorkerName(addr)?.worker, 'default');
  assert.equal(parseWorkerName(`${addr.toUpperCase()}.r`)?.addressText, addr);
  assert.equal(parseWorkerName(`${addr}.bad name`), undefined);
  assert.equal(parseWorkerName('cw1notanaddress.w'), undefined);
  assert.equal(parseWorkerName(7), undefined);
});

test('vardiff aims at one share per 10 s: moves by the nearest power of two, only when more than 2x off, within bounds', () => {
  let now = 0;
  const v = new Vardiff(-10, now, { targetSeconds: 10, windowShares: 20, windowSeconds: 60, minExp: -16, maxExp: 0 });
  // 20 shares in 20 s: 1 share/s, 10x too fast -> +3 (2^3 = 8, nearest to 10).
  let change: number | undefined;
  for (let i = 0; i < 20; i++) change = v.onShare((now += 1000));
  assert.equal(change, -7);
  assert.equal(v.exp, -7);
  // On target (one share per 10 s over a 60 s window): no change (hysteresis).
  for (let i = 0; i < 6; i++) assert.equal(v.onShare((now += 10_000)), undefined);
  assert.equal(v.exp, -7);
  // 1.8x too fast: inside the band, no change.
  for (let i = 0; i < 11; i++) v.onShare((now += 5_555));
  assert.equal(v.exp, -7);
  // No share for a whole window: 4x easier.
  assert.equal(v.tick((now += 61_000)), -9);
  // Far too slow, repeatedly: never below the minimum.
  for (let i = 0; i < 10; i++) v.tick((now += 61_000));
  assert.equal(v.exp, -16);
  // Far too fast: never above the cap the caller gives (the network's difficulty).
  for (let i = 0; i < 20; i++) change = v.onShare((now += 1), -12);
  assert.equal(v.exp, -12);
  // suggest_difficulty sets the difficulty and becomes the floor.
  assert.equal(v.suggest(-5, now), -5);
  for (let i = 0; i < 5; i++) v.tick((now += 61_000));
  assert.equal(v.exp, -5);
});

test('PPLNS window and split: the last share counted in part, amounts floored, dust to the pool; PPS credit', () => {
  const a = new Uint8Array(20).fill(1);
  const b = new Uint8Array(20).fill(2);
  const w = pplnsWindow(
    [
      { address: a, weight: 100n },
      { address: b, weight: 50n },
      { address: a, weight: 80n },
      { address: b, weight: 999n },
    ],
    200n,
  );
  // a: 100 + 50 of its 80 (the window is full at 200); b: 50; the last share is out.
  assert.deepEqual(w, [
    { address: a, amount: 150n },
    { address: b, amount: 50n },
  ]);
  // 1,000 less 2.5% = 975, split 3:1 -> 731.25 and 243.75 -> 731 and 243; dust 1 to the pool.
  const s = pplnsSplit(1000n, 250, w);
  assert.deepEqual(s.credits, [
    { address: a, amount: 731n },
    { address: b, amount: 243n },
  ]);
  assert.equal(s.fee, 25n + 1n);
  assert.deepEqual(pplnsSplit(1000n, 100, []), { credits: [], fee: 1000n });
  // PPS: 50 CWC x (w / network weight) x 0.99.
  assert.equal(ppsCredit(5_000_000_000n, 32768n, 65536n, 100), 2_475_000_000n);
  assert.equal(ppsCredit(5_000_000_000n, 128n, 65536n, 100), 9_667_968n);
  assert.equal(ppsCredit(5_000_000_000n, 1n, 0n, 100), 0n);
  assert.throws(() => pplnsSplit(1n, 10_001, w), /basis points/);
});

test('worker status as Kele Pool defines it: active < 10 min, inactive < 24 h, then offline', () => {
  const now = 1_000_000_000;
  assert.equal(workerStatus(now - 599_000, now), 'active');
  assert.equal(workerStatus(now - 600_000, now), 'inactive');
  assert.equal(workerStatus(now - 86_399_000, now), 'inactive');
  assert.equal(workerStatus(now - 86_400_000, now), 'offline');
  assert.equal(workerStatus(0, now), 'offline');
});

test('profitability: expected blocks, coins, revenue, power cost and profit from the network work, exactly', () => {
  assert.equal(parseHashrate('14MH/s'), 14_000_000n);
  assert.equal(parseHashrate('2.5 GH/s'), 2_500_000_000n);
  assert.equal(parseHashrate('900k'), 900_000n);
  assert.equal(parseHashrate('123'), 123n);
  assert.throws(() => parseHashrate('fast'), /not a hashrate/);
  assert.equal(parseDecimal('0.12'), 12_000_000n);
  assert.throws(() => parseDecimal('1.123456789'), /decimals/);
  assert.equal(formatFixed(-150_000_000n, 8), '-1.50000000');
  // A network needing 2^32 x 100 hashes a block (difficulty 100); 50 CWC + 0.5 CWC tips per block.
  const chain = { workPerBlock: 100n << 32n, subsidy: 5_000_000_000n, averageTips: 50_000_000n, blockTime: 600, coinDecimals: 8 };
  // 10 GH/s, 1,000 W, 0.10 per kWh, 2.00 per coin.
  const miner = { hashrate: 10_000_000_000n, watts: parseDecimal('1000'), kwhPrice: parseDecimal('0.1'), coinPrice: parseDecimal('2') };
  const day = period(chain, miner, 86_400);
  // Blocks a day = 1e10 x 86400 / (100 x 2^32) = 2011.65676116...; coins = blocks x 50.5 CWC.
  assert.equal(day.blocks, '2011.65676116');
  assert.equal(day.coins, (10_000_000_000n * 86_400n * 5_050_000_000n) / (100n << 32n));
  assert.equal(day.energyKwh, parseDecimal('24'));
  assert.equal(day.cost, parseDecimal('2.4'));
  assert.equal(day.revenue, (day.coins * parseDecimal('2')) / 100_000_000n);
  assert.equal(day.profit, day.revenue - day.cost);
  const month = period(chain, miner, 30 * 86_400);
  assert.equal(month.cost, parseDecimal('72'));
  // A mined NFT: 2^32 expected hashes at 1 GH/s = 4.295 s; 100 W for 4.295 s = 0.000119 kWh.
  const n = nftCost(1n << 32n, 3_000_000n, true, { ...miner, hashrate: 1_000_000_000n, watts: parseDecimal('100') }, 8);
  assert.equal(n.expectedSeconds, '4.294');
  assert.equal(n.energyKwh, (parseDecimal('100') * (1n << 32n)) / (1_000_000_000n * 3_600_000n));
  assert.equal(n.mintPriceFiat, parseDecimal('0.06'));
  assert.equal(n.totalCost, n.energyCost + n.mintPriceFiat);
});

test('webhook signatures: HMAC-SHA256 of the exact body, sha256=<hex>, checked in constant time', () => {
  const body = JSON.stringify({ a: 1 });
  const sig = signBody('s3cret', body);
  assert.equal(sig, `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
  assert.equal(verifySignature('s3cret', body, sig), true);
  assert.equal(verifySignature('other', body, sig), false);
  assert.equal(verifySignature('s3cret', body + ' ', sig), false);
  assert.equal(verifySignature('s3cret', body, undefined), false);
});

test('terminal chart: one column per point (means when resampled), eighth blocks scaled to the top, SI axis labels, a UTC time axis', () => {
  assert.equal(hashrateText(0), '0 H/s');
  assert.equal(hashrateText(999), '999 H/s');
  assert.equal(hashrateText(14_200_000), '14.2 MH/s');
  assert.equal(hashrateText(4_050_000), '4.05 MH/s');
  assert.equal(hashrateText(250e12), '250 TH/s');
  assert.deepEqual(renderChart([]), ['(no data)']);
  // Three minutes: zero, half, full; 8 rows of 1/8 each.
  const t0 = Date.UTC(2026, 11, 1, 10, 0) / 1000;
  const lines = renderChart([{ time: t0, value: 0 }, { time: t0 + 60, value: 4e6 }, { time: t0 + 120, value: 8e6 }], { height: 8 });
  assert.equal(lines.length, 10, '8 rows, the x axis, the time labels');
  const plot = lines.slice(0, 8).map((l) => l.split('│')[1]);
  assert.deepEqual(plot, ['  █', '  █', '  █', '  █', ' ██', ' ██', ' ██', ' ██']);
  assert.match(lines[0], /^8\.00 MH\/s │/);
  assert.match(lines[4], /^4\.00 MH\/s │/);
  assert.match(lines[7], /^ +0 H\/s │/);
  assert.match(lines[8], /└───$/);
  assert.match(lines[9], /10:00 +10:02 UTC$/);
  // A partial row: 3/16 of the top is one full row and half of the next.
  const part = renderChart([{ time: t0, value: 3 }, { time: t0 + 60, value: 16 }], { height: 8, format: String });
  assert.deepEqual(part.slice(0, 8).map((l) => l.split('│')[1][0]), [' ', ' ', ' ', ' ', ' ', ' ', '▄', '█']);
  // 120 points into 60 columns: each column the mean of two (0 and 2, the last two both 2).
  const many = Array.from({ length: 120 }, (_, i) => ({ time: t0 + 60 * i, value: i >= 118 || i % 2 === 1 ? 2 : 0 }));
  const wide = renderChart(many, { width: 60, height: 2, format: String });
  assert.equal(wide[0].split('│')[1], `${' '.repeat(59)}█`, 'means of 0 and 2 are 1, half the top (the last column, 2): the lower row only');
  assert.equal(wide[1].split('│')[1], '█'.repeat(60));
  // Spans over a day label the day too.
  const month = renderChart([{ time: t0, value: 1 }, { time: t0 + 3 * 86_400, value: 1 }]);
  assert.match(month[month.length - 1], /12-01 10:00 +12-04 10:00 UTC$/);
});
