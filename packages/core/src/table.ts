/**
 * The table the adapter expects, as a CreateTable request: keys, the index
 * (projection ALL) and on-demand billing. TTL on `expires` is a separate call.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 */
import { TTL_ATTRIBUTE } from "./format.js"
import { type DynamoDBAdapterOptions, resolveTableOptions } from "./options.js"

/** The CreateTable request for the table the adapter expects, with your names (defaults: the official adapter's). */
export function createTableInput(options?: DynamoDBAdapterOptions) {
  const o = resolveTableOptions(options)
  return {
    TableName: o.tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [o.partitionKey, o.sortKey, o.indexPartitionKey, o.indexSortKey].map(
      (AttributeName) => ({ AttributeName, AttributeType: "S" as const }),
    ),
    KeySchema: [
      { AttributeName: o.partitionKey, KeyType: "HASH" as const },
      { AttributeName: o.sortKey, KeyType: "RANGE" as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: o.indexName,
        KeySchema: [
          { AttributeName: o.indexPartitionKey, KeyType: "HASH" as const },
          { AttributeName: o.indexSortKey, KeyType: "RANGE" as const },
        ],
        Projection: { ProjectionType: "ALL" as const },
      },
    ],
  }
}

/** UpdateTimeToLive request enabling TTL on `expires`. */
export function timeToLiveInput(options?: DynamoDBAdapterOptions) {
  return {
    TableName: resolveTableOptions(options).tableName,
    TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
  }
}
