/**
 * A `fetch` for the client SDK over node:http(s): what the CLI's JSON-RPC calls need (POST, headers,
 * body, timeout signal, status and text). Node's global fetch loads undici on first use, about
 * 70-90 ms of a command's start-up; this costs a few. Failures look like fetch's (TypeError
 * 'fetch failed' with the socket error as `cause`), so errors.ts reports them the same way.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { FetchFn } from '../client/http.js';

/** POSTs with node:http(s); resolves with the status and the body text. */
export const nodeFetch: FetchFn = (url, init) =>
  new Promise((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      reject(new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${u.protocol}`) }));
      return;
    }
    const { signal } = init;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    // No keep-alive agent: a finished command leaves no socket open behind it.
    const req = send(u, { method: init.method, headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => reject(new TypeError('fetch failed', { cause: e })));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, text: async () => text });
      });
    });
    const onAbort = () => {
      req.destroy();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => reject(new TypeError('fetch failed', { cause: e })));
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.end(init.body);
  });
