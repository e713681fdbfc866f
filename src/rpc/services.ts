/** What every method handler can reach: the node context, the method registry, subscriptions and caches. */
import type { RpcAuth } from './auth.js';
import type { RpcContext } from './context.js';
import type { RpcLimits } from './limits.js';
import type { AnyMethod } from './method.js';
import type { SubscriptionHub } from './subscriptions.js';
import type { ViewCache } from './views.js';

/** Shared services of one RPC server. */
export interface RpcServices {
  readonly ctx: RpcContext;
  readonly methods: ReadonlyMap<string, AnyMethod>;
  readonly hub: SubscriptionHub;
  readonly views: ViewCache;
  readonly limits: RpcLimits;
  /** Credentials control methods need (none: control methods are refused). */
  readonly auth?: RpcAuth;
}
