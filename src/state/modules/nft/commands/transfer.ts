/** nft.transfer, nft.approve and nft.setOperator: ERC-721's transferFrom, approve and setApprovalForAll. */
import { TxError } from '../../../../errors.js';
import { bytesEqual } from '../../../../encoding/hex.js';
import type { Command } from '../../../module.js';
import { NftApprovalEvent, OperatorSetEvent } from '../events.js';
import { canMove, isOperator, isZeroAddress, moveToken, putToken, requireCollection, requireToken, setOperator } from '../method.js';
import { ApproveParams, NftTransferParams, SetOperatorParams } from '../schemas.js';

/** Gas of nft.transfer. */
export const NFT_TRANSFER_GAS = 10_000n;
/** Gas of nft.approve and nft.setOperator. */
export const APPROVE_GAS = 5_000n;

/** ERC-721 transferFrom: by the owner, the token's approved address or an operator; clears the approval. */
export function nftTransferCommand(): Command<NftTransferParams> {
  return {
    name: 'transfer',
    schema: NftTransferParams,
    gas: () => NFT_TRANSFER_GAS,
    verify({ params: p, sender, state }) {
      const token = requireToken(state, p.collectionId, p.tokenId);
      if (!canMove(state, p.collectionId, token, sender)) throw new TxError('TX_NOT_OWNER', 'sender is not the owner, the approved address or an operator (ERC-721)');
      if (isZeroAddress(p.to)) throw new TxError('TX_NFT_ZERO_ADDRESS', 'cannot transfer to the zero address (ERC-721)');
    },
    execute({ params: p, state, events }) {
      moveToken(state, events, p.collectionId, p.tokenId, p.to);
    },
  };
}

/** ERC-721 approve: the owner or an operator names one address that may move the token (null clears). */
export function approveCommand(): Command<ApproveParams> {
  return {
    name: 'approve',
    schema: ApproveParams,
    gas: () => APPROVE_GAS,
    verify({ params: p, sender, state }) {
      const token = requireToken(state, p.collectionId, p.tokenId);
      if (!bytesEqual(token.owner, sender) && !isOperator(state, p.collectionId, token.owner, sender)) {
        throw new TxError('TX_NOT_OWNER', 'only the owner or an operator approves (ERC-721)');
      }
      if (p.approved && bytesEqual(p.approved, token.owner)) throw new TxError('TX_INVALID_PARAMS', 'approval to the current owner (ERC-721)');
    },
    execute({ params: p, state, events }) {
      const token = requireToken(state, p.collectionId, p.tokenId);
      putToken(state, p.collectionId, p.tokenId, { ...token, approved: p.approved });
      events.emit(NftApprovalEvent, { collectionId: p.collectionId, tokenId: p.tokenId, owner: token.owner, approved: p.approved });
    },
  };
}

/** ERC-721 setApprovalForAll, scoped to one collection. */
export function setOperatorCommand(): Command<SetOperatorParams> {
  return {
    name: 'setOperator',
    schema: SetOperatorParams,
    gas: () => APPROVE_GAS,
    verify({ params: p, sender, state }) {
      requireCollection(state, p.collectionId);
      if (bytesEqual(p.operator, sender)) throw new TxError('TX_INVALID_PARAMS', 'approve to caller (ERC-721)');
    },
    execute({ params: p, sender, state, events }) {
      setOperator(state, p.collectionId, sender, p.operator, p.approved);
      events.emit(OperatorSetEvent, { collectionId: p.collectionId, owner: sender, operator: p.operator, approved: p.approved });
    },
  };
}
