/**
 * Per-test time limit. Generous on purpose: each test's own loops are
 * bounded, and a loaded 2-core CI machine (or workerd) can be slow.
 */
export const TEST_TIMEOUT_MS = 120_000
