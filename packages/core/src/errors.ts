/**
 * One error type for every dynamoauth package. Recognise it with
 * {@link isDynamoAuthError}: it checks a global brand, so it also works when a
 * dependency tree holds two copies of core (where `instanceof` fails).
 */

const BRAND = Symbol.for("dynamoauth.error")

/** What went wrong, stable across releases: branch on it, not on the message. README "Errors" lists when each is thrown. */
export type DynamoAuthErrorCode =
  /** An adapter option is invalid; the message names it. */
  | "INVALID_OPTION"
  /** An argument cannot be stored (unsupported value, empty set, …). */
  | "INVALID_INPUT"
  /** The table does not exist (or the credentials cannot see it). */
  | "TABLE_NOT_FOUND"
  /** The table has no index of the configured name. */
  | "INDEX_NOT_FOUND"
  /** An item would exceed DynamoDB's 400 KB item size limit. */
  | "ITEM_TOO_LARGE"
  /** Another user already has this email. */
  | "DUPLICATE_EMAIL"
  /** The provider account is already linked to a user. */
  | "ACCOUNT_ALREADY_LINKED"
  /** The passkey credential is already registered. */
  | "DUPLICATE_CREDENTIAL"
  /** A value of a field Better Auth declares unique belongs to another record. */
  | "DUPLICATE_VALUE"
  /** A query would scan the table and the adapter was told to refuse scans. */
  | "SCAN_REFUSED"
  /** The record to update does not exist. */
  | "NOT_FOUND"
  /** A stored number cannot be read as a JS number without losing precision. */
  | "PRECISION_LOSS"
  /** DynamoDB kept throttling after all retries. */
  | "THROTTLED"
  /** Concurrent transactions kept conflicting after all retries. */
  | "CONFLICT"
  /** The request timed out or was aborted. */
  | "TIMEOUT"
  /** The network failed after all retries. */
  | "NETWORK_ERROR"
  /** Any other DynamoDB error; `awsErrorName` says which. */
  | "DYNAMODB_ERROR"

export interface DynamoAuthErrorInit {
  code: DynamoAuthErrorCode
  /** The adapter method or library function, e.g. `createUser`. */
  operation: string
  message: string
  /** DynamoDB's error type, e.g. `ConditionalCheckFailedException`. */
  awsErrorName?: string
  cause?: unknown
}

/**
 * The error every dynamoauth package throws: a stable `code`, the
 * `operation` (adapter method or library function), DynamoDB's error type as
 * `awsErrorName`, and the transport's (credential-free) error as `cause`.
 * The message reads `[dynamoauth] <operation>: <what happened> (DynamoDB: <error name>)`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
export class DynamoAuthError extends Error {
  // Declared, not initialised: assigned in the constructor (no class-field code is emitted).
  declare readonly code: DynamoAuthErrorCode
  declare readonly operation: string
  declare readonly awsErrorName: string | undefined
  declare readonly [BRAND]: true

  constructor(init: DynamoAuthErrorInit) {
    const aws = init.awsErrorName ? ` (DynamoDB: ${init.awsErrorName})` : ""
    super(`[dynamoauth] ${init.operation}: ${init.message}${aws}`, { cause: init.cause })
    this.name = "DynamoAuthError"
    this.code = init.code
    this.operation = init.operation
    this.awsErrorName = init.awsErrorName
    ;(this as any)[BRAND] = true
  }
}

/** True for a DynamoAuthError from any copy of core (a `Symbol.for` brand, not `instanceof`). */
export function isDynamoAuthError(value: unknown): value is DynamoAuthError {
  return typeof value === "object" && value !== null && (value as any)[BRAND] === true
}
