/**
 * @dynamoauth/core — the runtime-agnostic part of the dynamoauth DynamoDB
 * adapter for Auth.js. Transports (adapter-node, adapter-edge) supply `send`.
 * Everything exported here is public API; the plumbing dynamoauth's own
 * packages share is in `@dynamoauth/core/internal` and may change in any release.
 */
export { getActiveSession } from "./active-session.js"
export { createAdapter } from "./adapter/index.js"
export type {
  AccountId,
  Adapter,
  AdapterAccount,
  AdapterAccountType,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  NewAdapterAccount,
  VerificationToken,
} from "./adapter/types.js"
export { DynamoAuthError, type DynamoAuthErrorCode, isDynamoAuthError } from "./errors.js"
export { format, generateUpdateExpression, type UpdateExpression } from "./format.js"
export { createKeys, ITEM_TYPE, type Keys } from "./keys.js"
export type { AttributeMap, AttributeValue } from "./marshall.js"
export {
  DEFAULT_OPTIONS,
  type DynamoDBAdapterOptions,
  type ResolvedTableOptions,
  resolveTableOptions,
  type TableOptions,
} from "./options.js"
export type { OnRequest, RequestEvent, RequestEventOptions } from "./request-events.js"
export { createTableInput, timeToLiveInput } from "./table.js"
export type {
  DynamoDBBody,
  DynamoDBOperation,
  Send,
  SendOptions,
  Transport,
  TransportErrorShape,
} from "./transport.js"
