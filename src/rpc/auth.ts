/**
 * Authentication of control methods (those whose spec says `access: 'control'`: they change what
 * the node does), in the manner of bitcoind's cookie file: the node writes a fresh random secret to
 * `<datadir>/.cookie` on every start (node/cookie.ts) and accepts it as HTTP Basic credentials
 * (`Authorization: Basic base64("__cookie__:<secret>")`) or, on a WebSocket, in the handshake's
 * Authorization header or an `auth` member of a request (`"auth": "__cookie__:<secret>"`, for
 * browsers, which cannot set WebSocket headers). Read methods need nothing. A control method called
 * without valid credentials is refused with -32003 RPC_UNAUTHORIZED.
 */
import { timingSafeEqual } from 'node:crypto';
import { RPC_CODES, RpcServerError } from './errors.js';

/** User name of cookie credentials (bitcoind's). */
export const COOKIE_USER = '__cookie__';

/** The credentials a server accepts. */
export interface RpcAuth {
  readonly user: string;
  readonly secret: string;
}

/** What a transport knows about a request's credentials. */
export interface CallAuth {
  /** Valid credentials came with the request (or its connection). */
  readonly ok: boolean;
  /** Credentials came but did not match (e.g. a cookie from before the node restarted). */
  readonly bad: boolean;
}

/** No credentials presented. */
export const NO_AUTH: CallAuth = Object.freeze({ ok: false, bad: false });

/** True when `presented` (`user:secret`) equals the server's credentials (constant time). */
export function credentialsMatch(auth: RpcAuth | undefined, presented: string): boolean {
  if (!auth) return false;
  const want = Buffer.from(`${auth.user}:${auth.secret}`, 'utf8');
  const got = Buffer.from(presented, 'utf8');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** `user:secret` of an `Authorization: Basic ...` header, if it is one. */
export function basicCredentials(header: string | undefined): string | undefined {
  const m = /^\s*Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(header ?? '');
  return m ? Buffer.from(m[1], 'base64').toString('utf8') : undefined;
}

/** The CallAuth of an Authorization header (absent: nothing presented). */
export function headerAuth(auth: RpcAuth | undefined, header: string | undefined): CallAuth {
  if (header === undefined) return NO_AUTH;
  const creds = basicCredentials(header);
  const ok = creds !== undefined && credentialsMatch(auth, creds);
  return { ok, bad: !ok };
}

/** -32003 for a control method called without valid credentials. */
export function unauthorized(method: string, bad: boolean): RpcServerError {
  const why = bad
    ? 'the credentials sent do not match this node (the cookie changes on every start: read it again)'
    : 'no credentials were sent';
  return new RpcServerError(
    RPC_CODES.UNAUTHORIZED,
    'RPC_UNAUTHORIZED',
    `${method} changes what the node does and needs the node's auth cookie: ${why}. Send HTTP Basic auth with the contents of .cookie in the node's data directory (the coinworks CLI does this itself; see --datadir)`,
    { method },
  );
}
