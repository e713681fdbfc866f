/**
 * Mining: the network's difficulty and estimated hashrate over height (difficulty × 2^32 / the
 * average block interval of the last blocks), the node's own miner, and the mining pool's section,
 * which shows "not on this network" unless the node serves the pool RPC (miningPool_* methods, pages/pool.tsx).
 */
import { Chart } from '../chart.js';
import { useFeed, type FeedBlock } from '../feed.js';
import { si } from '../format.js';
import { client, methods, useAsync, useHead } from '../rpc.js';
import { Absent, Card, Failed, Fields, Loading, Stat } from '../ui.js';
import { PoolSection } from './pool.js';

const WINDOW = 6;

/** Estimated network hashrate at each block: difficulty × 2^32 / mean interval over the last WINDOW blocks. */
export function hashrates(blocks: readonly FeedBlock[]): Array<number | null> {
  return blocks.map((b, i) => {
    if (i === 0) return null;
    const j = Math.max(0, i - WINDOW);
    const span = b.time - blocks[j].time;
    return span > 0 ? (Number(b.difficulty) * 2 ** 32) / (span / (i - j)) : null;
  });
}

/** The mining page. */
export function Mining() {
  const head = useHead();
  const { blocks } = useFeed();
  const status = useAsync(() => client.getMiningStatus(), [head?.height]);
  const pool = useAsync(async () => (await methods()).has('miningPool_getStats'), []);
  if (!head) return <Loading />;
  if (head.bits === 0)
    return (
      <>
        <h1>Mining</h1>
        <Absent what="Proof-of-work mining" why="This chain's blocks are produced by validators (proof of stake); see the Staking page." />
      </>
    );
  const rates = hashrates(blocks);
  const latest = [...rates].reverse().find((r) => r !== null) ?? null;
  return (
    <>
      <h1>Mining</h1>
      <div class="stats">
        <Stat label="Difficulty (next block)" value={head.difficulty} id="mining-difficulty" />
        <Stat label="Network hashrate (est.)" value={latest === null ? '–' : `${si(latest)}H/s`} id="mining-hashrate" />
        <Stat label="This node's miner" value={status.value ? (status.value.running ? `${si(status.value.hashrate)}H/s on ${status.value.threads} thread(s)` : 'stopped') : '…'} id="mining-local" />
      </div>
      <div class="grid2">
        <Card title="Network hashrate">
          <Chart id="chart-hashrate" title={`Estimated network hashrate over height (H/s, ${WINDOW}-block window)`} x={blocks.map((b) => b.height)} series={[{ label: 'hashrate', color: '#d97706', values: rates }]} unit="H/s" />
        </Card>
        <Card title="Difficulty">
          <Chart id="chart-difficulty" title="Difficulty over height" x={blocks.map((b) => b.height)} series={[{ label: 'difficulty', color: '#dc2626', values: blocks.map((b) => Number(b.difficulty)) }]} />
        </Card>
      </div>
      <Card title="This node's miner">
        {status.error ? (
          <Failed error={status.error} />
        ) : status.value ? (
          <Fields
            rows={[
              ['Running', status.value.running ? 'yes' : 'no'],
              ['Threads', String(status.value.threads)],
              ['Hashrate', `${si(status.value.hashrate)}H/s`],
              ['Kernel', status.value.kernel],
              ['Target bits', `0x${status.value.bits.toString(16)}`],
            ]}
          />
        ) : (
          <Loading />
        )}
        <p class="note">Start or stop it with <code>coinworks mine</code> (control methods need the node's cookie, which this page never holds).</p>
      </Card>
      <Card title="Mining pool" id="pool-card">
        {pool.value === true ? (
          <PoolSection />
        ) : pool.value === false ? (
          <Absent what="Mining pool" why="This node serves no pool RPC (miningPool_* methods); run the pool to see its hashrate, workers and alarms here." />
        ) : (
          <Loading />
        )}
      </Card>
    </>
  );
}
