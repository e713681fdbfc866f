/** Public interface of the bank module (schema-only, browser-safe): the parameter formats of its commands. */
import { MultiSendParams, TransferParams } from './schemas.js';

/** Params codec of each bank command (the same objects its commands declare; test/state/command-params.test.ts holds them equal). */
export const commandParams = { transfer: TransferParams, multiSend: MultiSendParams } as const;
