/**
 * Per-peer misbehaviour scores and the ban list (bcoin's peer ban score, Lodestar's peer manager):
 * every offence adds its ban score to the peer's tally, the tally decays over time (halving every
 * `halfLifeMs`, so rare honest mistakes fade), and a peer whose tally reaches the threshold is
 * banned for `banMs`. Bans are kept in `<datadir>/p2p/bans.json` (written atomically on every
 * change) so they survive a restart. The score shown to people is the negated tally (0 = clean,
 * -100 = banned). The clock is passed in, so tests are deterministic.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BAN_THRESHOLD } from './ban-scores.js';

/** One ban. */
export interface Ban {
  /** Peer id (text). */
  readonly peer: string;
  /** Until when, in ms since the epoch. */
  readonly until: number;
  /** Why, for logs and `net_peers`. */
  readonly reason: string;
}

/** What `penalize` did. */
export interface PenaltyResult {
  /** The peer's tally after the offence. */
  readonly tally: number;
  /** The ban this offence triggered, if it did. */
  readonly banned?: Ban;
}

/** Options of the score book. */
export interface PeerScoreOptions {
  /** Clock in ms (default Date.now). */
  readonly now?: () => number;
  /** How long a ban lasts (default 24 h, as bcoin). */
  readonly banMs?: number;
  /** Half-life of a tally (default 10 minutes). */
  readonly halfLifeMs?: number;
  /** Where bans are kept; none = memory only. */
  readonly file?: string;
}

/** Default ban length: 24 hours. */
export const DEFAULT_BAN_MS = 24 * 60 * 60 * 1000;

interface Tally {
  value: number;
  at: number;
  reasons: string[];
}

/** Scores and bans of every peer this node has seen. */
export class PeerScores {
  private readonly now: () => number;
  private readonly banMs: number;
  private readonly halfLifeMs: number;
  private readonly file: string | undefined;
  private readonly tallies = new Map<string, Tally>();
  private readonly bans = new Map<string, Ban>();
  private writing: Promise<void> = Promise.resolve();

  constructor(o: PeerScoreOptions = {}) {
    this.now = o.now ?? Date.now;
    this.banMs = o.banMs ?? DEFAULT_BAN_MS;
    this.halfLifeMs = o.halfLifeMs ?? 10 * 60 * 1000;
    this.file = o.file;
  }

  /** Loads the persisted bans (expired ones are dropped); a missing file is an empty list. */
  async load(): Promise<void> {
    if (!this.file) return;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch {
      return; // a torn or hand-edited file: start without bans rather than refuse to start
    }
    if (!Array.isArray(list)) return;
    const t = this.now();
    for (const b of list as Ban[]) {
      if (typeof b?.peer === 'string' && typeof b.until === 'number' && b.until > t) this.bans.set(b.peer, { peer: b.peer, until: b.until, reason: String(b.reason ?? '') });
    }
  }

  /** The current tally of a peer (decayed to now). */
  tally(peer: string): number {
    const t = this.tallies.get(peer);
    if (!t) return 0;
    this.decay(t);
    return t.value;
  }

  /** The score shown to people: 0 for a clean peer, down to -100 at the ban threshold. */
  score(peer: string): number {
    return -Math.round(this.tally(peer)) || 0;
  }

  /** The peer's ban, while it lasts. */
  ban(peer: string): Ban | undefined {
    const b = this.bans.get(peer);
    if (b && b.until <= this.now()) {
      this.bans.delete(peer);
      void this.persist();
      return undefined;
    }
    return b;
  }

  /** True while the peer is banned. */
  isBanned(peer: string): boolean {
    return this.ban(peer) !== undefined;
  }

  /** Every ban in force. */
  listBans(): Ban[] {
    const t = this.now();
    return [...this.bans.values()].filter((b) => b.until > t);
  }

  /** Charges `points` to a peer for `reason`; bans it when its tally reaches the threshold. */
  penalize(peer: string, points: number, reason: string): PenaltyResult {
    if (points <= 0) return { tally: this.tally(peer) };
    let t = this.tallies.get(peer);
    if (!t) this.tallies.set(peer, (t = { value: 0, at: this.now(), reasons: [] }));
    this.decay(t);
    t.value += points;
    t.reasons.push(reason);
    if (t.reasons.length > 8) t.reasons.shift();
    if (t.value < BAN_THRESHOLD || this.isBanned(peer)) return { tally: t.value };
    const ban: Ban = { peer, until: this.now() + this.banMs, reason };
    this.bans.set(peer, ban);
    this.tallies.delete(peer);
    void this.persist();
    return { tally: t.value, banned: ban };
  }

  /** Bans a peer at once (an operator's choice, or a test's). */
  banNow(peer: string, reason: string, ms = this.banMs): Ban {
    const ban: Ban = { peer, until: this.now() + ms, reason };
    this.bans.set(peer, ban);
    void this.persist();
    return ban;
  }

  /** Lifts a ban. */
  unban(peer: string): boolean {
    const had = this.bans.delete(peer);
    if (had) void this.persist();
    return had;
  }

  /** Waits for any ban-list write in progress. */
  flush(): Promise<void> {
    return this.writing;
  }

  private decay(t: Tally): void {
    const now = this.now();
    if (now > t.at) t.value *= Math.pow(0.5, (now - t.at) / this.halfLifeMs);
    t.at = now;
  }

  /** Writes the ban list (temp file, then rename: a crash leaves the old or the new list). */
  private persist(): Promise<void> {
    if (!this.file) return Promise.resolve();
    const file = this.file;
    const text = JSON.stringify(this.listBans(), null, 1) + '\n';
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, file);
    }).catch(() => undefined);
    return this.writing;
  }
}
