/** Connection, credential and retry settings of the edge transport. */
import { invalidOption } from "@dynamoauth/core/internal"
import type { AwsClient } from "aws4fetch"

export interface EdgeCredentials {
  accessKeyId: string
  secretAccessKey: string
  /** For temporary credentials (STS, IAM roles). */
  sessionToken?: string
}

export interface FetchTransportConfig {
  /** AWS region, e.g. `eu-west-1`; also the signing region for a custom endpoint. */
  region: string
  /**
   * Base URL of DynamoDB. Default `https://dynamodb.<region>.amazonaws.com`.
   * https://docs.aws.amazon.com/general/latest/gr/ddb.html
   */
  endpoint?: string
  /** Credentials to sign with. Give these or `client`. */
  credentials?: EdgeCredentials
  /** An existing aws4fetch client: its credentials and signing-key cache are used (its own fetch and retries are not). */
  client?: AwsClient
  /** The fetch to send with. Default: the global `fetch`. */
  fetch?: (request: Request, init?: RequestInit) => Promise<Response>
  /** Time limit of one attempt, in ms; a timed-out attempt is not retried. Default 3000. */
  timeoutMs?: number
  /** Attempts per request, first one included. Default 3. */
  maxAttempts?: number
  /** No retry starts after this many ms since the first attempt. Default 2000. */
  maxRetryTimeMs?: number
  /** Backoff base: the n-th retry waits a random time below min(maxDelayMs, baseDelayMs·2ⁿ). Default 25. */
  baseDelayMs?: number
  /** Backoff cap, in ms. Default 400. */
  maxDelayMs?: number
}

/**
 * Defaults sized for edge functions, whose whole request often has a few
 * seconds: three attempts, at most two seconds of retrying.
 */
export const EDGE_DEFAULTS = {
  timeoutMs: 3000,
  maxAttempts: 3,
  maxRetryTimeMs: 2000,
  baseDelayMs: 25,
  maxDelayMs: 400,
} as const

export type TransportSettings = { -readonly [K in keyof typeof EDGE_DEFAULTS]: number }

/** Fills in the defaults and refuses what cannot work, naming the option. */
export function resolveSettings(config: FetchTransportConfig): TransportSettings {
  const invalid = (message: string) => invalidOption("createFetchTransport", message)
  if (!config.region) throw invalid("`region` is required")
  if (!config.client && !config.credentials) throw invalid("give `credentials` or `client`")
  if (config.endpoint !== undefined && !/^https?:\/\/[^/]/.test(config.endpoint)) {
    throw invalid("`endpoint` must be an http(s) URL")
  }
  const settings = {} as TransportSettings
  for (const key of Object.keys(EDGE_DEFAULTS) as (keyof TransportSettings)[]) {
    // Every setting is a number ≥ 0, except maxAttempts, which counts the first attempt.
    const least = key === "maxAttempts" ? 1 : 0
    const value = config[key] ?? EDGE_DEFAULTS[key]
    if (!(value >= least)) throw invalid(`\`${key}\` must be a number ≥ ${least}`)
    settings[key] = value
  }
  return settings
}
