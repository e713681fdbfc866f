/**
 * Time limits of the end-to-end tests. They wait on events (a line printed, a receipt included)
 * and poll; these limits only stop a test that is truly stuck, so they are generous enough for a
 * loaded 2-core machine (another process keeping one core busy, the rest of the suite running).
 */

/** Whole-test limit. */
export const E2E_TEST_TIMEOUT_MS = 20 * 60_000;
/** One CLI command or one awaited line of output. */
export const E2E_STEP_TIMEOUT_MS = 5 * 60_000;
