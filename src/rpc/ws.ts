/**
 * JSON-RPC over WebSocket at `/ws` on the HTTP server's port: the `ws` library in noServer mode on
 * the server's 'upgrade' event. Enforces the origin policy and the connection, message size,
 * in-flight and send-buffer limits; a connection over the limit is told why (-32005) and closed with 1013.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { serialize, type Dispatcher } from './dispatch.js';
import { headerAuth } from './auth.js';
import { errorObject, RPC_CODES } from './errors.js';
import type { RpcLog } from './context.js';
import type { OriginPolicy } from './origin.js';
import type { RpcServices } from './services.js';
import { WsSession } from './session.js';

/** Path of the WebSocket endpoint. */
export const WS_PATH = '/ws';

/** The WebSocket side of an RPC server. */
export interface WsEndpoint {
  /** Open connections. */
  readonly connections: number;
  /** Closes every connection and stops accepting new ones. */
  close(): Promise<void>;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** Serves JSON-RPC over WebSocket on `server` at `/ws`. */
export function attachWebSocket(server: Server, dispatcher: Dispatcher, services: RpcServices, origins: OriginPolicy, log?: RpcLog): WsEndpoint {
  const { limits, hub } = services;
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.wsMaxPayload, perMessageDeflate: false, clientTracking: true });
  const sessions = new Map<WebSocket, WsSession>();
  let closing = false;

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    const status = closing ? '503 Service Unavailable' : path !== WS_PATH ? '404 Not Found' : !origins.allows(req.headers.origin, req.headers.host) ? '403 Forbidden' : undefined;
    if (status) {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (sessions.size >= limits.maxConnections) {
        // Accept, explain and close: a browser cannot read the body of a refused upgrade.
        ws.send(serialize({ jsonrpc: '2.0', id: null, error: errorObject(RPC_CODES.LIMIT_EXCEEDED, `too many WebSocket connections (limit ${limits.maxConnections})`, { code: 'RPC_LIMIT_EXCEEDED', limit: limits.maxConnections }) }));
        ws.close(1013, 'too many connections');
        ws.on('error', () => undefined);
        setTimeout(() => ws.terminate(), 1000).unref();
        return;
      }
      onConnection(ws, req);
    });
  }

  function onConnection(ws: WebSocket, req: IncomingMessage): void {
    const session = new WsSession(ws, limits);
    // Credentials in the handshake (Node clients) cover every request of the connection.
    const auth = headerAuth(services.auth, req.headers.authorization);
    sessions.set(ws, session);
    ws.on('error', (e) => log?.warn({ session: session.id, err: e.message }, 'rpc: websocket error'));
    ws.on('pong', () => {
      session.alive = true;
    });
    ws.on('close', () => {
      session.closed = true;
      sessions.delete(ws);
      hub.dropSession(session);
    });
    ws.on('message', (data) => {
      if (session.inFlight >= limits.maxInFlightPerConnection) {
        session.send(serialize({ jsonrpc: '2.0', id: null, error: errorObject(RPC_CODES.LIMIT_EXCEEDED, `too many requests in progress on this connection (limit ${limits.maxInFlightPerConnection})`, { code: 'RPC_LIMIT_EXCEEDED' }) }));
        return;
      }
      session.inFlight++;
      dispatcher
        .handleText(rawText(data), session, auth)
        .then((out) => {
          if (out.body !== null) session.send(out.body);
          for (const fn of out.after) {
            try {
              fn();
            } catch (e) {
              log?.warn({ err: (e as Error)?.message }, 'rpc: after-response hook failed');
            }
          }
        })
        .catch((e) => log?.warn({ err: (e as Error)?.message }, 'rpc: websocket message failed'))
        .finally(() => {
          session.inFlight--;
        });
    });
  }

  const heartbeat = setInterval(() => {
    for (const [ws, session] of sessions) {
      if (!session.alive) {
        ws.terminate();
        continue;
      }
      session.alive = false;
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, limits.pingIntervalMs);
  heartbeat.unref();

  server.on('upgrade', onUpgrade);

  return {
    get connections() {
      return sessions.size;
    },
    async close() {
      closing = true;
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
