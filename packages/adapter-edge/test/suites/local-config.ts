/** Transport settings for DynamoDB Local. Web APIs only (also used inside workerd). */
import { LOCAL_ACCESS_KEY_ID, LOCAL_REGION } from "@dynamoauth/testing/raw-request"
import type { FetchTransportConfig } from "../../src/options.js"

/**
 * DynamoDB Local keeps one database per access key and region, so these
 * match the raw-request helper's: both sides then see the same tables.
 * The secret is a placeholder: DynamoDB Local does not check signatures.
 * Each attempt may take 30 s, not the default 3 s: on a loaded 2-core machine DynamoDB Local can
 * take longer than 3 s to answer a large transaction, and a test of a time limit sets its own.
 */
export const LOCAL_TIMEOUT_MS = 30_000

export function localConfig(
  endpoint: string,
  extra: Partial<FetchTransportConfig> = {},
): FetchTransportConfig {
  return {
    region: LOCAL_REGION,
    endpoint,
    credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: "local-placeholder" },
    timeoutMs: LOCAL_TIMEOUT_MS,
    ...extra,
  }
}
