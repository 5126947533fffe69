/**
 * @dynamoauth/core/internal — the plumbing dynamoauth's own packages share:
 * the table functions, the error classifier, the Better Auth layout, retry timing, marshalling, option
 * resolution and DynamoDB's service limits. It may change in any release,
 * major or not; applications should import from `@dynamoauth/core` (or an
 * adapter package) instead.
 */
export { adapterOver } from "./adapter/index.js"
export {
  type ClaimOf,
  createLayout,
  DEFAULT_MODELS,
  type Layout,
  type ModelInfo,
} from "./better-auth-layout/items.js"
export {
  CLAIM_OF,
  CLAIM_REF,
  createModelKeys,
  keyPart,
  LAYOUT_ATTRIBUTES,
  LEAVING_ATTRIBUTE,
  MEMBER_OF,
  MODEL_ATTRIBUTE,
  type ModelKeys,
} from "./better-auth-layout/model-keys.js"
export {
  type Claim,
  claimRelease,
  claimRewrite,
  transactClaims,
  transactReleasing,
} from "./claims.js"
export {
  type ClassifiedError,
  classifiedTransportError,
  classifyError,
  classifyFailure,
  classifyReason,
  fromSdkError,
  isAccessFailure,
  type ReasonKind,
  redact,
  toTransportError,
  UNPROCESSED_ITEMS,
} from "./error-classify.js"
export {
  cancellationReasons,
  isConditionFailure,
  toDynamoAuthError,
  withErrors,
} from "./error-mapping.js"
export { fromEpochSeconds, isDate, TTL_ATTRIBUTE, toEpochSeconds } from "./format.js"
export {
  afterPrefix,
  escapeKeyPart,
  type IndexKey,
  KEY_PREFIX,
  type ParsedKey,
  type PlainKey,
  parseKey,
  STORED_ATTRIBUTES,
} from "./keys.js"
export * from "./limits.js"
export { LruCache } from "./lru-cache.js"
export { marshall, marshallItem, unmarshall, unmarshallItem } from "./marshall.js"
export { invalidOption } from "./options.js"
export { capacityOf, withRequestEvents } from "./request-events.js"
export * from "./table/index.js"
export { transportError } from "./transport.js"
