/**
 * The same table as `init` creates, as CloudFormation (YAML) and as AWS CDK
 * code, generated from core's CreateTable input so the three never disagree.
 */
import {
  createTableInput,
  type DynamoDBAdapterOptions,
  resolveTableOptions,
} from "@dynamoauth/core"
import { TTL_ATTRIBUTE } from "@dynamoauth/core/internal"

export function cloudFormationTemplate(options: DynamoDBAdapterOptions = {}): string {
  const input = createTableInput(options)
  const index = input.GlobalSecondaryIndexes[0]!
  const lines = [
    "Resources:",
    "  AuthTable:",
    '    Type: "AWS::DynamoDB::Table"',
    "    Properties:",
    `      TableName: ${yamlString(input.TableName)}`,
    `      BillingMode: ${input.BillingMode}`,
    "      AttributeDefinitions:",
    ...input.AttributeDefinitions.flatMap((d) => [
      `        - AttributeName: ${yamlString(d.AttributeName)}`,
      `          AttributeType: ${d.AttributeType}`,
    ]),
    "      KeySchema:",
    ...input.KeySchema.flatMap((k) => [
      `        - AttributeName: ${yamlString(k.AttributeName)}`,
      `          KeyType: ${k.KeyType}`,
    ]),
    "      GlobalSecondaryIndexes:",
    `        - IndexName: ${yamlString(index.IndexName)}`,
    "          KeySchema:",
    ...index.KeySchema.flatMap((k) => [
      `            - AttributeName: ${yamlString(k.AttributeName)}`,
      `              KeyType: ${k.KeyType}`,
    ]),
    "          Projection:",
    `            ProjectionType: ${index.Projection.ProjectionType}`,
    "      TimeToLiveSpecification:",
    `        AttributeName: ${TTL_ATTRIBUTE}`,
    "        Enabled: true",
  ]
  return `${lines.join("\n")}\n`
}

export function cdkSnippet(options: DynamoDBAdapterOptions = {}): string {
  const o = resolveTableOptions(options)
  const js = JSON.stringify
  return `import * as dynamodb from "aws-cdk-lib/aws-dynamodb"

const table = new dynamodb.Table(this, "AuthTable", {
  tableName: ${js(o.tableName)},
  billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  partitionKey: { name: ${js(o.partitionKey)}, type: dynamodb.AttributeType.STRING },
  sortKey: { name: ${js(o.sortKey)}, type: dynamodb.AttributeType.STRING },
  timeToLiveAttribute: ${js(TTL_ATTRIBUTE)},
})
table.addGlobalSecondaryIndex({
  indexName: ${js(o.indexName)},
  partitionKey: { name: ${js(o.indexPartitionKey)}, type: dynamodb.AttributeType.STRING },
  sortKey: { name: ${js(o.indexSortKey)}, type: dynamodb.AttributeType.STRING },
  projectionType: dynamodb.ProjectionType.ALL,
})
`
}

// Quoted unless plainly safe; names allow only [a-zA-Z0-9_.-] but attribute names allow anything.
function yamlString(value: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(value) ? value : JSON.stringify(value)
}
