/** `coinworks peers`: the node's peer-to-peer view: its peer id and sync state, then every connected peer. */
import type { Command } from 'commander';
import type { CliApp } from '../app.js';
import { examples } from '../args.js';
import { emit, fields, table } from '../output.js';

/** Short form of a peer id for tables (the whole id is in `--json`). */
function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-6)}` : id;
}

/** Registers `peers`. */
export function registerPeers(program: Command, app: CliApp): void {
  program
    .command('peers')
    .description("list the node's peers: address, direction, head, score; and its own peer id and sync state")
    .addHelpText('after', examples(['coinworks peers', 'coinworks peers --rpc http://127.0.0.1:8646 --json']))
    .action(async (_o: unknown, c: Command) => {
      const { json } = app.globals(c);
      const client = app.client(c);
      const [info, peers] = await Promise.all([client.getNetInfo(), client.getPeers()]);
      emit(app.io, json, { ...info, connected: peers }, () => {
        if (!info.enabled) return 'peer-to-peer network: off (the node runs with --no-p2p)';
        const s = info.sync;
        return [
          ...fields([
            ['peer id', info.peerId ?? ''],
            ['listening', info.listen.join(', ') || '(nothing)'],
            ['sync', `${s.state} (tip ${s.tipHeight}, best header ${s.bestHeaderHeight}, best peer ${s.bestPeerHeight})`],
            ['peers', String(peers.length)],
            ['banned', String(info.bans)],
          ]),
          ...(peers.length === 0
            ? []
            : [
                '',
                ...table(
                  ['peer', 'address', 'dir', 'height', 'head', 'score'],
                  peers.map((p) => [shortId(p.id), p.address.replace(/\/p2p\/.*$/, ''), p.direction === 'inbound' ? 'in' : 'out', p.head ? String(p.head.height) : '-', p.head ? p.head.hash.slice(0, 16) : '-', String(p.score)]),
                ),
              ]),
        ];
      });
    });
}
