/**
 * The staking pool's operations (Kele Pool's deposit/withdraw, Rocket Pool's rETH rate and minipool
 * queue). Deposits of at least 0.01 CWC buy shares at pooled / shares, rounded down, so the
 * depositor never gets more than it paid for and the remainder stays with every holder; each time
 * 32 CWC lie idle and an operator waits, the pool funds a validator with it (self-delegated by the
 * pool, commission 0, the operator's consensus key). Withdrawals burn shares for a ticket of their
 * value, rounded down the same way, paid after the unbonding period; when idle plus unbonding CWC
 * cannot cover the tickets, the pool exits whole validators. Rewards are harvested before every
 * deposit and withdrawal (the operators' fee, 10% by default, goes to each validator's operator),
 * so the rate never falls except when a pool validator is slashed, which an event reports.
 *
 * Shares are an asset of the assets module: transfers move shares, never an amount converted to
 * shares and back, so a transfer cannot lose a base unit to rounding (Lido's stETH can, by 1-2 wei).
 */
import { CoinworksError, TxError } from '../../../errors.js';
import { isValidPublicKey } from '../../../crypto/keys.js';
import { addressOfPublicKey } from '../../../crypto/address.js';
import { mulRateFloor } from '../../../util/decimal.js';
import type { ProofOfStakeParams } from '../../../params/staking.js';
import type { EventSink } from '../../module.js';
import type { StateReader, StateWriter } from '../../state-view.js';
import { balanceOf, credit, debit, getAccount, NATIVE_ASSET } from '../accounts/method.js';
import { destroyAsset, mintAsset, registerAsset } from '../assets/method.js';
import { recordReward, type DistributionMethods } from '../distribution/method.js';
import {
  delegationValue,
  getValidator,
  selfStakeOf,
  STAKING_POOL_ACCOUNT,
  unbondingEntries,
  validatorByPublicKey,
  type StakingContext,
  type StakingHooks,
  type StakingMethods,
} from '../staking/method.js';
import {
  DepositedEvent,
  HarvestedEvent,
  OperatorQueuedEvent,
  OperatorSkippedEvent,
  RateLoweredEvent,
  ValidatorExitedEvent,
  ValidatorFundedEvent,
  WithdrawalPaidEvent,
  WithdrawalRequestedEvent,
} from './events.js';
import { poolHoldings, poolStateOf, sharesForDeposit, valueOfShares } from './accounting.js';
import { activeValidators, exitingValidators, operatorQueue, poolStore, poolValidatorStore, queuedKeyStore, slashBeforeStore, tickets, type PoolState } from './stores.js';

const ROOT = new Uint8Array(0);
const POOL = STAKING_POOL_ACCOUNT;

/** The staking pool's operations bound to one chain's parameters, staking and distribution. */
export class StakingPool {
  constructor(
    private readonly p: ProofOfStakeParams,
    private readonly staking: StakingMethods,
    private readonly dist: DistributionMethods,
  ) {
    // A funded validator's self-stake is the pool's stake: below the minimum it could never register.
    if (p.pool.validatorStake < p.staking.minSelfStake) throw new CoinworksError('STAKING_POOL_CONFIG', `the pool's validator stake ${p.pool.validatorStake} is below the minimum self-stake ${p.staking.minSelfStake}`);
  }

  private put(state: StateWriter, s: PoolState): void {
    poolStore.set(state, 's', s);
  }

  /** Genesis: registers the share token (an `issuer` asset whose issuer is the pool account, so only the pool mints it). */
  genesis(state: StateWriter, events: EventSink): void {
    const assetId = registerAsset(state, events, {
      symbol: this.p.pool.shareSymbol,
      name: this.p.pool.shareName,
      decimals: 8,
      policy: 'issuer',
      creator: POOL,
      issuer: POOL,
      height: 0n,
    });
    this.put(state, { ...poolStateOf(state), assetId });
  }

  /** Read-only checks of an operator registration. */
  checkOperator(state: StateReader, publicKey: Uint8Array): void {
    if (!isValidPublicKey(publicKey)) throw new TxError('TX_INVALID_PARAMS', 'the consensus key is not a compressed secp256k1 point');
    if (queuedKeyStore.get(state, publicKey) || validatorByPublicKey(state, publicKey) || getValidator(state, addressOfPublicKey(publicKey))) {
      throw new TxError('TX_DUPLICATE', 'this consensus key is queued or runs a validator already');
    }
  }

  /** Queues `operator` for a pool-funded validator with `publicKey`; funds at once if 32 CWC lie idle. */
  registerOperator(ctx: StakingContext, operator: Uint8Array, publicKey: Uint8Array): void {
    this.checkOperator(ctx.state, publicKey);
    queuedKeyStore.set(ctx.state, publicKey, true);
    operatorQueue.push(ctx.state, ROOT, { operator, publicKey });
    ctx.events.emit(OperatorQueuedEvent, { operator, publicKey, position: operatorQueue.length(ctx.state, ROOT) });
    this.fund(ctx);
  }

  /** Collects the rewards of every pool validator: the fee to each operator, the rest stays pooled. */
  harvest(ctx: StakingContext): bigint {
    let kept = 0n;
    let fees = 0n;
    for (const v of activeValidators.items(ctx.state)) kept += this.harvestOne(ctx, v, (f) => (fees += f));
    if (kept + fees > 0n) {
      const s = poolStateOf(ctx.state);
      this.put(ctx.state, { ...s, rewardsKept: s.rewardsKept + kept, feesPaid: s.feesPaid + fees });
    }
    return kept;
  }

  private harvestOne(ctx: StakingContext, validator: Uint8Array, onFee: (fee: bigint) => void): bigint {
    const r = this.dist.withdrawRewards(ctx, POOL, validator);
    const rewards = r.provision + r.tip;
    if (rewards === 0n) return 0n;
    const fee = mulRateFloor(rewards, this.p.pool.feeRate);
    const operator = poolValidatorStore.get(ctx.state, validator)!.operator;
    if (fee > 0n) {
      debit(ctx.state, POOL, NATIVE_ASSET, fee);
      credit(ctx.state, operator, NATIVE_ASSET, fee);
      recordReward(ctx.state, operator, { height: ctx.height, validator, cause: 'poolFee', amount: fee });
    }
    onFee(fee);
    ctx.events.emit(HarvestedEvent, { validator, rewards, fee, operator });
    return rewards - fee;
  }

  /** Deposits `amount` of `user`'s CWC for shares; returns the shares. */
  deposit(ctx: StakingContext, user: Uint8Array, amount: bigint): bigint {
    if (amount < this.p.pool.minDeposit) throw new TxError('TX_BELOW_MIN_DEPOSIT', `the smallest deposit is ${this.p.pool.minDeposit}`, { minimum: this.p.pool.minDeposit.toString() });
    this.harvest(ctx);
    const s = poolStateOf(ctx.state);
    const { pooled } = poolHoldings(ctx.state);
    if (s.totalShares > 0n && pooled <= 0n) throw new TxError('TX_POOL_INSOLVENT', 'the pool holds nothing against its shares; they have no price');
    const shares = sharesForDeposit(pooled, s.totalShares, amount);
    if (shares === 0n) throw new TxError('TX_INVALID_PARAMS', `${amount} buys no share at the current rate`);
    debit(ctx.state, user, NATIVE_ASSET, amount);
    credit(ctx.state, POOL, NATIVE_ASSET, amount);
    mintAsset(ctx.state, s.assetId, user, shares);
    const after = { ...s, totalShares: s.totalShares + shares, deposited: s.deposited + amount };
    this.put(ctx.state, after);
    ctx.events.emit(DepositedEvent, { user, amount, shares, pooled: clamp(pooled + amount), totalShares: after.totalShares });
    this.fund(ctx);
    return shares;
  }

  /** Burns `shares` of `user` for a ticket of their value, paid after the unbonding period; returns the amount. */
  withdraw(ctx: StakingContext, user: Uint8Array, shares: bigint): bigint {
    const s0 = poolStateOf(ctx.state);
    if (shares <= 0n) throw new TxError('TX_INVALID_PARAMS', 'shares must be positive');
    const have = balanceOf(getAccount(ctx.state, user), s0.assetId);
    if (have < shares) throw new TxError('TX_INSUFFICIENT_BALANCE', `balance ${have} of pool shares is below ${shares}`);
    this.harvest(ctx);
    const s = poolStateOf(ctx.state);
    const { pooled } = poolHoldings(ctx.state);
    const amount = pooled > 0n ? valueOfShares(pooled, s.totalShares, shares) : 0n;
    destroyAsset(ctx.state, s.assetId, user, shares, 'redeem');
    const completionTime = BigInt(ctx.time + this.p.staking.unbondingPeriod);
    this.put(ctx.state, { ...s, totalShares: s.totalShares - shares, owed: s.owed + amount, withdrawn: s.withdrawn + amount });
    if (amount > 0n) tickets.push(ctx.state, ROOT, { user, amount, completionTime });
    ctx.events.emit(WithdrawalRequestedEvent, { user, shares, amount, completionTime });
    this.ensureLiquidity(ctx);
    return amount;
  }

  /** Exits validators (newest first) until idle plus unbonding CWC cover every ticket. */
  private ensureLiquidity(ctx: StakingContext): void {
    for (;;) {
      const h = poolHoldings(ctx.state);
      if (h.idle + h.unbonding >= h.owed) return;
      const active = activeValidators.items(ctx.state);
      if (active.length === 0) return;
      this.exit(ctx, active[active.length - 1]);
    }
  }

  /** Takes the pool's whole stake back from `validator` (rewards harvested first). */
  private exit(ctx: StakingContext, validator: Uint8Array): void {
    let fees = 0n;
    const kept = this.harvestOne(ctx, validator, (f) => (fees += f));
    if (kept + fees > 0n) {
      const s = poolStateOf(ctx.state);
      this.put(ctx.state, { ...s, rewardsKept: s.rewardsKept + kept, feesPaid: s.feesPaid + fees });
    }
    const value = delegationValue(ctx.state, POOL, validator);
    let amount = 0n;
    let completionTime = BigInt(ctx.time);
    if (value > 0n) {
      const r = this.staking.undelegate(ctx, POOL, validator, value);
      amount = r.tokens;
      completionTime = r.completionTime;
      exitingValidators.add(ctx.state, ROOT, validator);
    }
    activeValidators.remove(ctx.state, ROOT, validator);
    const pv = poolValidatorStore.get(ctx.state, validator)!;
    poolValidatorStore.set(ctx.state, validator, { ...pv, exited: true });
    ctx.events.emit(ValidatorExitedEvent, { validator, amount, completionTime });
  }

  /** Funds validators for queued operators while 32 CWC lie idle beyond what tickets need. */
  fund(ctx: StakingContext): void {
    const stake = this.p.pool.validatorStake;
    for (;;) {
      const h = poolHoldings(ctx.state);
      const reserved = h.owed > h.unbonding ? h.owed - h.unbonding : 0n;
      if (h.idle - reserved < stake) return;
      if (activeValidators.size(ctx.state) >= this.p.pool.maxValidators) return;
      const head = operatorQueue.peek(ctx.state, ROOT);
      if (!head) return;
      operatorQueue.shift(ctx.state, ROOT);
      const { operator, publicKey } = head.value;
      queuedKeyStore.del(ctx.state, publicKey);
      if (validatorByPublicKey(ctx.state, publicKey) || getValidator(ctx.state, addressOfPublicKey(publicKey))) {
        ctx.events.emit(OperatorSkippedEvent, { operator, publicKey });
        continue;
      }
      const v = this.staking.createValidator(ctx, {
        operator,
        selfDelegator: POOL,
        rewardAddress: operator,
        publicKey,
        selfStake: stake,
        commission: { rate: 0n, maxRate: 0n, maxChangeRate: 0n },
      });
      const s = poolStateOf(ctx.state);
      poolValidatorStore.set(ctx.state, v.address, { operator, index: s.funded, fundedHeight: ctx.height, exited: false });
      activeValidators.add(ctx.state, ROOT, v.address);
      this.put(ctx.state, { ...s, funded: s.funded + 1 });
      ctx.events.emit(ValidatorFundedEvent, { validator: v.address, operator, stake });
    }
  }

  /** Pays matured tickets from idle CWC, in order; a ticket the pool cannot pay yet waits. */
  private payTickets(ctx: StakingContext): void {
    const now = BigInt(ctx.time);
    for (let head = tickets.peek(ctx.state, ROOT); head && head.value.completionTime <= now; head = tickets.peek(ctx.state, ROOT)) {
      const { user, amount } = head.value;
      if (balanceOf(getAccount(ctx.state, POOL), NATIVE_ASSET) < amount) return;
      tickets.shift(ctx.state, ROOT);
      debit(ctx.state, POOL, NATIVE_ASSET, amount);
      credit(ctx.state, user, NATIVE_ASSET, amount);
      const s = poolStateOf(ctx.state);
      this.put(ctx.state, { ...s, owed: s.owed - amount });
      ctx.events.emit(WithdrawalPaidEvent, { user, amount });
    }
  }

  /**
   * End of every block (after staking paid matured unbondings into the pool account): forget
   * exits whose stake is back, pay matured tickets, exit validators that were tombstoned or are
   * jailed under the minimum self-stake, keep tickets covered, and fund waiting operators.
   */
  endBlock(ctx: StakingContext): void {
    for (const v of exitingValidators.items(ctx.state)) if (unbondingEntries(ctx.state, POOL, v).length === 0) exitingValidators.remove(ctx.state, ROOT, v);
    this.payTickets(ctx);
    for (const v of activeValidators.items(ctx.state)) {
      const val = getValidator(ctx.state, v)!;
      if (val.tombstoned || (val.jailed && selfStakeOf(ctx.state, val) < this.p.staking.minSelfStake)) this.exit(ctx, v);
    }
    this.ensureLiquidity(ctx);
    this.fund(ctx);
  }
}

/** Staking hooks of the pool: a slash of a pool validator reports the pooled total before and after (the rate every holder sees). */
export function stakingPoolHooks(): StakingHooks {
  return {
    beforeSlash(ctx, v) {
      if (poolValidatorStore.get(ctx.state, v.address)) slashBeforeStore.set(ctx.state, 'b', clamp(poolHoldings(ctx.state).pooled));
    },
    afterSlash(ctx, v) {
      const before = slashBeforeStore.get(ctx.state, 'b');
      if (before === undefined) return;
      slashBeforeStore.del(ctx.state, 'b');
      const after = clamp(poolHoldings(ctx.state).pooled);
      if (after < before) ctx.events.emit(RateLoweredEvent, { validator: v.address, pooledBefore: before, pooledAfter: after, totalShares: poolStateOf(ctx.state).totalShares });
    },
  };
}

function clamp(v: bigint): bigint {
  return v < 0n ? 0n : v;
}
