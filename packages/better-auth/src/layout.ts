/**
 * `@dynamoauth/better-auth/layout`: the items a Better Auth record is stored
 * as (docs/layout.md). Built in core, which `dynamoauth migrate --to
 * better-auth` shares without depending on this package; re-exported here.
 */
export {
  type ClaimOf,
  createLayout,
  DEFAULT_MODELS,
  type Layout,
  type ModelInfo,
} from "@dynamoauth/core/internal"
export * from "./keys.js"
