/** Result schemas (for OpenRPC and the conformance tests) of the governed-minting methods. */
import { SUPPLY_CAUSES } from '../state/modules/supply/stores.js';
import { addressS, anyS, arrS, boolS, decS, hashS, hexS, nullableS, objS, strS, uintS } from './result-schemas.js';

// ---------------------------------------------------------------------------------------------
// Result schemas

/** asset view. */
export const assetS = objS({
  assetId: uintS,
  symbol: strS,
  name: strS,
  decimals: uintS,
  policy: { type: 'string', enum: ['fixed', 'issuer', 'governed'] },
  creator: addressS,
  issuer: nullableS(addressS),
  createdAt: uintS,
  supply: decS,
});

/** attestation view. */
export const attestationS = objS({ seq: decS, reserve: decS, reportHash: hashS, reportSha256: hashS, time: uintS, height: uintS, auditor: addressS });

/** governance view. */
export const governanceS = objS({
  mintGroup: addressS,
  complianceGroup: addressS,
  auditors: arrS(addressS),
  reserveMarginBps: uintS,
  maxAttestationAge: uintS,
  paused: boolS,
  attestations: decS,
  redemptions: decS,
});

/** supply-by-cause view. */
export const assetSupplyS = objS({
  assetId: uintS,
  symbol: strS,
  decimals: uintS,
  byCause: objS(Object.fromEntries(Object.keys(SUPPLY_CAUSES).map((c) => [c, decS]))),
  total: decS,
});

/** collateral view. */
export const collateralS = objS({
  assetId: uintS,
  symbol: strS,
  decimals: uintS,
  height: uintS,
  time: uintS,
  supply: decS,
  reserve: decS,
  ratio: objS({ num: decS, den: decS }),
  ratioBps: nullableS(decS),
  mintLimit: decS,
  headroom: decS,
  reserveMarginBps: uintS,
  maxAttestationAge: uintS,
  attestation: nullableS(attestationS),
  attestationAge: nullableS({ type: 'integer' }),
  stale: boolS,
  staleReason: nullableS(strS),
  paused: boolS,
});

/** collateral point view. */
export const collateralPointS = objS({
  height: uintS,
  time: uintS,
  cause: { type: 'string', enum: ['attest', 'mint', 'redeem', 'wipe'] },
  amount: decS,
  reserve: decS,
  supply: decS,
  ratioBps: nullableS(decS),
  minted: decS,
  redeemed: decS,
  wiped: decS,
});

/** trail page. */
export const trailPageS = objS({
  events: arrS(
    objS({
      height: uintS,
      time: uintS,
      blockHash: hashS,
      txId: nullableS(hashS),
      txIndex: nullableS(uintS),
      eventIndex: uintS,
      module: strS,
      name: strS,
      data: anyS,
    }),
  ),
  nextFromHeight: nullableS(uintS),
});

/** multisig view. */
export const multisigS = objS({
  address: addressS,
  owners: arrS(addressS),
  threshold: uintS,
  nonce: decS,
  nextProposalId: decS,
  pending: arrS(decS),
  creator: addressS,
  governs: arrS(objS({ assetId: uintS, symbol: strS, role: { type: 'string', enum: ['mint', 'compliance'] } })),
});

/** proposal view. */
export const proposalS = objS({
  multisig: addressS,
  proposalId: decS,
  nonce: decS,
  module: strS,
  command: strS,
  params: hexS,
  decodedParams: { description: 'the params as JSON (null if the command is unknown or they do not decode)' },
  actionHash: hashS,
  proposer: addressS,
  approvals: arrS(addressS),
  countingApprovals: arrS(addressS),
  approvalCount: uintS,
  threshold: uintS,
  createdAt: uintS,
  expiresAt: uintS,
  status: { type: 'string', enum: ['pending', 'executed', 'failed', 'voided', 'expired'] },
  result: nullableS(strS),
  expired: boolS,
  executable: boolS,
});
