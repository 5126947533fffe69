/**
 * @dynamoauth/testing/cache — folders under `<repo root>/.cache/` (git-ignored), built at most
 * once per content and shared by every package's tests, the test command's later stages and
 * later runs. Node only.
 */
export { materializeDir, pruneOtherEntries } from "./dynamodb-local/atomic-dir.js"
export { findRepoRoot } from "./dynamodb-local/repo-root.js"
