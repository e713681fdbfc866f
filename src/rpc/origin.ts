/**
 * Which web origins may use the RPC server. Browsers attach an `Origin` header to cross-site POSTs
 * and to every WebSocket handshake (WebSockets are not covered by CORS), so without this check any
 * web page could drive a local node (send transactions, start the miner). Requests without an
 * Origin (curl, Node, the CLI) are always allowed; requests with one only if it is listed ('*' = any).
 */

/** The origin policy of one server. */
export interface OriginPolicy {
  /** True when a request with this Origin header (or none) may proceed (`host`: the request's Host header). */
  allows(origin: string | undefined, host?: string): boolean;
  /** Value for Access-Control-Allow-Origin, when the origin is allowed and CORS is on. */
  corsHeader(origin: string | undefined): string | undefined;
}

/** Builds the policy for a list of allowed origins (e.g. `http://localhost:5173`, or `*`). */
export function originPolicy(allowed: readonly string[] = []): OriginPolicy {
  const any = allowed.includes('*');
  const set = new Set(allowed.map((o) => o.toLowerCase().replace(/\/+$/, '')));
  const allows = (origin: string | undefined): boolean => origin === undefined || any || set.has(origin.toLowerCase());
  return {
    allows,
    corsHeader: (origin) => (origin !== undefined && allows(origin) ? (any ? '*' : origin) : undefined),
  };
}

/** Loopback or IP-literal host names: a page can carry such an Origin only when it was loaded from that address. */
const LITERAL_HOST = /^(localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * True when a browser request comes from a page this very server served (the dashboard): the Origin
 * is `http://<Host header>` and that host is `localhost` or an IP literal. Host names are not
 * trusted: a DNS-rebinding page at `http://evil.example:8645` sends a matching Host and Origin, so
 * only addresses a foreign site cannot name pass (the rule the origin policy above exists for).
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || host === undefined || !LITERAL_HOST.test(host)) return false;
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
