/** doctor's check of Time to Live: on, and on the attribute the adapter writes expiry to. */
import type { ResolvedTableOptions, Transport } from "@dynamoauth/core"
import { TTL_ATTRIBUTE } from "@dynamoauth/core/internal"
import { migrateError } from "../errors.js"
import type { Finding } from "./finding.js"

export async function checkTtl(transport: Transport, o: ResolvedTableOptions): Promise<Finding> {
  const out = await transport
    .send("DescribeTimeToLive", { TableName: o.tableName })
    .catch((error: unknown) => {
      throw migrateError(error, "doctor", `(DescribeTimeToLive on ${o.tableName})`)
    })
  const status = out.TimeToLiveDescription?.TimeToLiveStatus
  const attribute = out.TimeToLiveDescription?.AttributeName
  const enable = `aws dynamodb update-time-to-live --table-name ${o.tableName} --time-to-live-specification "Enabled=true, AttributeName=${TTL_ATTRIBUTE}"`
  if ((status === "ENABLED" || status === "ENABLING") && attribute === TTL_ATTRIBUTE) {
    return {
      check: "ttl",
      status: "ok",
      message: `TTL ${status.toLowerCase()} on "${TTL_ATTRIBUTE}"`,
    }
  }
  if ((status === "ENABLED" || status === "ENABLING") && attribute !== TTL_ATTRIBUTE) {
    return {
      check: "ttl",
      status: "error",
      message: `TTL watches "${attribute}", but expired sessions and tokens carry "${TTL_ATTRIBUTE}"`,
      fix: `a table has one TTL attribute: disable TTL on "${attribute}" (it takes up to an hour), then: ${enable}`,
    }
  }
  return {
    check: "ttl",
    status: "warning",
    message: `TTL is ${String(status ?? "DISABLED").toLowerCase()}: expired sessions and verification tokens stay in the table forever (the adapter still ignores them)`,
    fix: enable,
  }
}
