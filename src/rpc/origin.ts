/**
 * Which web origins may use the RPC server. Browsers attach an `Origin` header to cross-site POSTs
 * and to every WebSocket handshake (WebSockets are not covered by CORS), so without this check any
 * web page could drive a local node (send transactions, start the miner). Requests without an
 * Origin (curl, Node, the CLI) are always allowed; requests with one only if it is listed ('*' = any).
 */

/** The origin policy of one server. */
export interface OriginPolicy {
  /** True when a request with this Origin header (or none) may proceed. */
  allows(origin: string | undefined): boolean;
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
