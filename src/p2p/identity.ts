/**
 * The node's persistent peer identity: an Ed25519 key in `<datadir>/p2p/peer-key` (libp2p's
 * protobuf form, mode 0600), created on first start, so a node keeps its peer id across restarts
 * and other nodes can name it in `--bootstrap /ip4/…/tcp/…/p2p/<id>`.
 */
import './polyfill.js';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import type { PrivateKey } from '@libp2p/interface';

/** File name of the key inside the p2p folder. */
export const PEER_KEY_FILE = 'peer-key';

/** Reads the key at `path`, or creates and stores a new one (never replacing an existing file). */
export async function loadOrCreatePeerKey(path: string): Promise<PrivateKey> {
  try {
    return privateKeyFromProtobuf(new Uint8Array(await readFile(path)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = await generateKeyPair('Ed25519');
  await mkdir(dirname(path), { recursive: true });
  const h = await open(path, 'wx', 0o600);
  try {
    await h.writeFile(privateKeyToProtobuf(key));
    await h.sync();
  } finally {
    await h.close();
  }
  return key;
}

/** The peer id (text) of a stored or new key at `path`. */
export async function peerIdAt(path: string): Promise<string> {
  return peerIdFromPrivateKey(await loadOrCreatePeerKey(path)).toString();
}
