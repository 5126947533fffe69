import { randomUUID } from "node:crypto"
import { rawRequest } from "../raw-request.js"

export interface TestTableOptions {
  partitionKey?: string
  sortKey?: string
  /** Adds index "GSI1" on GSI1PK / GSI1SK (all attributes projected). Default true. */
  withIndex?: boolean
}

/** Creates a fresh pay-per-request table with a unique name and returns that name. */
export async function createTestTable(
  endpoint: string,
  prefix: string,
  options: TestTableOptions = {},
): Promise<string> {
  const pk = options.partitionKey ?? "pk"
  const sk = options.sortKey ?? "sk"
  const name = `${prefix}-${randomUUID().slice(0, 8)}`
  const attributes = [pk, sk, ...(options.withIndex === false ? [] : ["GSI1PK", "GSI1SK"])]
  await rawRequest(endpoint, "CreateTable", {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: attributes.map((AttributeName) => ({
      AttributeName,
      AttributeType: "S",
    })),
    KeySchema: [
      { AttributeName: pk, KeyType: "HASH" },
      { AttributeName: sk, KeyType: "RANGE" },
    ],
    ...(options.withIndex === false
      ? {}
      : {
          GlobalSecondaryIndexes: [
            {
              IndexName: "GSI1",
              KeySchema: [
                { AttributeName: "GSI1PK", KeyType: "HASH" },
                { AttributeName: "GSI1SK", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "ALL" },
            },
          ],
        }),
  })
  return name
}
