/**
 * Errors of the client SDK: `RpcError` for an error object the node returned (its JSON-RPC number
 * in `rpcCode`, the node's rule in `code`, e.g. TX_NONCE_GAP), `ClientError` for transport failures.
 */
import { CoinworksError } from '../errors.js';

const STANDARD: Record<number, string> = {
  [-32700]: 'RPC_PARSE_ERROR',
  [-32600]: 'RPC_INVALID_REQUEST',
  [-32601]: 'RPC_METHOD_NOT_FOUND',
  [-32602]: 'RPC_INVALID_PARAMS',
  [-32603]: 'RPC_INTERNAL',
  [-32000]: 'RPC_SERVER_ERROR',
  [-32001]: 'RPC_NOT_FOUND',
  [-32002]: 'RPC_WS_ONLY',
  [-32003]: 'RPC_UNAUTHORIZED',
  [-32005]: 'RPC_LIMIT_EXCEEDED',
};

/**
 * A JSON-RPC error from the node. `code` is the stable string code (the node's `data.code`, e.g.
 * `TX_NONCE_GAP`, else the standard name, e.g. `RPC_INVALID_PARAMS`), `rpcCode` the JSON-RPC number.
 */
export class RpcError extends CoinworksError<string> {
  constructor(
    /** JSON-RPC numeric code, e.g. -32602. */
    readonly rpcCode: number,
    message: string,
    data: Record<string, unknown> = {},
  ) {
    super(typeof data.code === 'string' ? data.code : (STANDARD[rpcCode] ?? `RPC_${rpcCode}`), message, data);
  }
}

/** Codes of client-side failures. */
export type ClientErrorCode =
  | 'CLIENT_HTTP'
  | 'CLIENT_TIMEOUT'
  | 'CLIENT_BAD_RESPONSE'
  | 'CLIENT_NO_WEBSOCKET'
  | 'CLIENT_WS_CLOSED'
  | 'CLIENT_TX_TIMEOUT'
  | 'CLIENT_INVALID_ARGUMENT';

/** The request did not get a JSON-RPC answer (network, HTTP status, timeout, closed socket). */
export class ClientError extends CoinworksError<ClientErrorCode> {}
