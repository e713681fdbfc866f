/**
 * The JSON-RPC 2.0 server: HTTP POST `/` (fastify) and WebSocket `/ws` on the same port, over the
 * methods in `methods/`. Bodies over the limit get HTTP 413 with a -32600 error; every other
 * failure is a JSON-RPC error object; bad input never crashes or stalls the server.
 */
import Fastify, { type FastifyError } from 'fastify';
import type { AddressInfo } from 'node:net';
import { headerAuth, type RpcAuth } from './auth.js';
import type { RpcContext } from './context.js';
import { Dispatcher, serialize } from './dispatch.js';
import { errorObject, RPC_CODES } from './errors.js';
import { resolveLimits, type RpcLimits } from './limits.js';
import type { AnyMethod } from './method.js';
import { methodRegistry, RPC_METHODS } from './methods/index.js';
import type { RpcServices } from './services.js';
import { isSameOrigin, originPolicy } from './origin.js';
import { isDashboardBuild, registerDashboardRoutes } from './dashboard.js';
import { registerContentRoutes } from './content.js';
import { SubscriptionHub } from './subscriptions.js';
import { ViewCache } from './views.js';
import { attachWebSocket, WS_PATH } from './ws.js';

/** Default RPC port. */
export const DEFAULT_RPC_PORT = 8645;
/** Default bind address: loopback only. */
export const DEFAULT_RPC_HOST = '127.0.0.1';

/** Options of `createRpcServer`. */
export interface RpcServerOptions {
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 8645; 0 picks a free one). */
  readonly port?: number;
  /** Limits overriding DEFAULT_RPC_LIMITS. */
  readonly limits?: Partial<RpcLimits>;
  /** Methods to serve (default RPC_METHODS), e.g. to leave out mining_* on a public node. */
  readonly methods?: readonly AnyMethod[];
  /**
   * Web origins allowed to call the server from a browser (CORS and WebSocket handshakes), e.g.
   * `['http://localhost:5173']` or `['*']`. Default none: requests carrying an Origin header get
   * HTTP 403, so a web page cannot drive a local node. Requests without an Origin always pass.
   */
  readonly allowedOrigins?: readonly string[];
  /**
   * Credentials control methods (mining_start, mining_stop, ...) need: the node's cookie
   * (node/cookie.ts). Without them every control method is refused (-32003).
   */
  readonly auth?: RpcAuth;
  /**
   * Folder of the web dashboard's build (`dist/dashboard`) to serve by GET at `/`, or undefined for
   * none. While it is served, pages this server itself served (same origin, on a loopback or IP
   * literal address) may call JSON-RPC and open the WebSocket.
   */
  readonly dashboardDir?: string;
}

/** A running RPC server. */
export interface RpcServer {
  /** HTTP endpoint, e.g. http://127.0.0.1:8645 (POST JSON-RPC to `${url}/`). */
  readonly url: string;
  /** WebSocket endpoint, e.g. ws://127.0.0.1:8645/ws. */
  readonly wsUrl: string;
  readonly port: number;
  /** Open WebSocket connections. */
  readonly wsConnections: number;
  /** Open subscriptions over all connections. */
  readonly subscriptions: number;
  /** Closes WebSocket connections, stops listening to the chain and closes the HTTP server. */
  close(): Promise<void>;
}

function rpcErrorBody(code: number, message: string, data?: Record<string, unknown>): string {
  return serialize({ jsonrpc: '2.0', id: null, error: errorObject(code, message, data) });
}

/** Starts the JSON-RPC server over `ctx`. */
export async function createRpcServer(ctx: RpcContext, opts: RpcServerOptions = {}): Promise<RpcServer> {
  const limits = resolveLimits(opts.limits);
  const host = opts.host ?? DEFAULT_RPC_HOST;
  const views = new ViewCache(ctx.chain);
  const hub = new SubscriptionHub(ctx.chain, views, limits.maxSubscriptionsPerConnection, ctx.log);
  const services: RpcServices = { ctx, methods: methodRegistry(opts.methods ?? RPC_METHODS), hub, views, limits, ...(opts.auth ? { auth: opts.auth } : {}) };
  const dispatcher = new Dispatcher(services, (e, method) => ctx.log?.warn({ method, err: (e as Error)?.stack ?? String(e) }, 'rpc: internal error'));

  const app = Fastify({
    logger: false,
    bodyLimit: limits.bodyLimit,
    requestTimeout: limits.requestTimeoutMs,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  const dashboard = opts.dashboardDir !== undefined && isDashboardBuild(opts.dashboardDir) ? opts.dashboardDir : undefined;
  const base = originPolicy(opts.allowedOrigins);
  // The dashboard's own page calls this server from its own origin; nothing else gains access.
  const origins = dashboard ? { ...base, allows: (o: string | undefined, host?: string) => base.allows(o) || isSameOrigin(o, host) } : base;
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origins.allows(origin, req.headers.host)) {
      return reply
        .code(403)
        .header('content-type', 'application/json; charset=utf-8')
        .send(rpcErrorBody(RPC_CODES.INVALID_REQUEST, `origin ${JSON.stringify(String(origin).slice(0, 100))} is not allowed (see allowedOrigins)`, { code: 'RPC_ORIGIN_FORBIDDEN' }));
    }
    const allow = origins.corsHeader(origin);
    if (allow) reply.header('access-control-allow-origin', allow).header('vary', 'origin');
  });
  app.options('/', async (_req, reply) =>
    reply.code(204).header('access-control-allow-methods', 'POST').header('access-control-allow-headers', 'content-type, authorization').header('access-control-max-age', '600').send(),
  );
  // Our own parser: any content type, raw text, so malformed JSON becomes -32700 rather than fastify's 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: limits.bodyLimit }, (_req, body, done) => done(null, body));

  registerContentRoutes(app, ctx.chain); // GET /nft/<collection>/<token>/{metadata.json,audio.wav}
  if (dashboard) registerDashboardRoutes(app, dashboard); // GET / and /assets/*: the web dashboard

  app.post('/', async (req, reply) => {
    const text = typeof req.body === 'string' ? req.body : '';
    const out = await dispatcher.handleText(text, null, headerAuth(services.auth, req.headers.authorization));
    if (out.body === null) return reply.code(204).send();
    return reply.header('content-type', 'application/json; charset=utf-8').send(out.body);
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .header('content-type', 'application/json; charset=utf-8')
      .send(rpcErrorBody(RPC_CODES.INVALID_REQUEST, `no endpoint ${req.method} ${req.url.slice(0, 100)}: POST JSON-RPC to / or connect a WebSocket to ${WS_PATH}${dashboard ? '; the dashboard is at GET /' : ''}`));
  });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    const status = err.statusCode ?? 500;
    let body: string;
    if (status === 413) {
      body = rpcErrorBody(RPC_CODES.INVALID_REQUEST, `request body exceeds the limit of ${limits.bodyLimit} bytes`, { code: 'RPC_BODY_TOO_LARGE', limit: limits.bodyLimit });
    } else if (status < 500) {
      body = rpcErrorBody(RPC_CODES.INVALID_REQUEST, `invalid request: ${err.message}`, { code: 'RPC_INVALID_REQUEST' });
    } else {
      ctx.log?.warn({ err: err.stack ?? err.message }, 'rpc: http error');
      body = rpcErrorBody(RPC_CODES.INTERNAL_ERROR, 'internal error', { code: 'RPC_INTERNAL' });
    }
    reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
  });

  try {
    await app.listen({ host, port: opts.port ?? DEFAULT_RPC_PORT });
  } catch (e) {
    await app.close().catch(() => undefined);
    throw e;
  }
  hub.attach();
  const ws = attachWebSocket(app.server, dispatcher, services, origins, ctx.log);
  const port = (app.server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  ctx.log?.info({ url: `http://${hostPart}:${port}` }, 'rpc: listening');
  return {
    url: `http://${hostPart}:${port}`,
    wsUrl: `ws://${hostPart}:${port}${WS_PATH}`,
    port,
    get wsConnections() {
      return ws.connections;
    },
    get subscriptions() {
      return hub.size;
    },
    close() {
      closed ??= (async () => {
        await ws.close();
        hub.detach();
        await app.close();
      })();
      return closed;
    },
  };
}
