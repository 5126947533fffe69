/**
 * @dynamoauth/core — the runtime-agnostic part of the dynamoauth DynamoDB
 * adapter for Auth.js. Transports (adapter-node, adapter-edge) supply `send`.
 */
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
export {
  type ClassifiedError,
  classifyError,
  redact,
  toTransportError,
} from "./error-classify.js"
export { cancellationReasons, isConditionFailure, toDynamoAuthError } from "./error-mapping.js"
export { DynamoAuthError, type DynamoAuthErrorCode, isDynamoAuthError } from "./errors.js"
export {
  format,
  fromEpochSeconds,
  generateUpdateExpression,
  isDate,
  toEpochSeconds,
} from "./format.js"
export { createKeys, ITEM_TYPE, type Keys, type PlainKey, STORED_ATTRIBUTES } from "./keys.js"
export * from "./limits.js"
export {
  type AttributeMap,
  type AttributeValue,
  marshall,
  marshallItem,
  unmarshall,
  unmarshallItem,
} from "./marshall.js"
export {
  DEFAULT_OPTIONS,
  type DynamoDBAdapterOptions,
  invalidOption,
  type ResolvedOptions,
  resolveOptions,
  type TableOptions,
} from "./options.js"
export { createTableInput, timeToLiveInput } from "./table.js"
export {
  createTableClient,
  type Expression,
  type Item,
  inChunks,
  type TableClient,
  type TransactItem,
} from "./table-client.js"
export * from "./transport.js"
