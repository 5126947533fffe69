/**
 * Where the app's DynamoDB table is, read from the environment. Shared by the Node route
 * code, the Worker and the start script, so all three agree on one table.
 *
 * - `DYNAMOAUTH_TABLE`        table name (default `next-auth`, the official adapter's default)
 * - `AWS_REGION`              region (default `us-east-1`, the only thing DynamoDB Local needs)
 * - `DYNAMODB_ENDPOINT`       set by the start script for DynamoDB Local; unset for real AWS
 * - `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`  credentials
 */
export interface DynamoConfig {
  tableName: string
  region: string
  endpoint?: string
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
}

type Env = Record<string, string | undefined>

export function readDynamoConfig(env: Env = process.env): DynamoConfig {
  const endpoint = env.DYNAMODB_ENDPOINT || undefined
  const accessKeyId = env.AWS_ACCESS_KEY_ID
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY
  if (!endpoint && (!accessKeyId || !secretAccessKey)) {
    // Edge runtimes have no AWS credential chain, so both runtimes insist on explicit keys.
    throw new Error(
      "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or DYNAMODB_ENDPOINT for DynamoDB Local)",
    )
  }
  return {
    tableName: env.DYNAMOAUTH_TABLE || "next-auth",
    region: env.AWS_REGION || "us-east-1",
    ...(endpoint ? { endpoint } : {}),
    credentials: {
      // DynamoDB Local accepts any key pair.
      accessKeyId: accessKeyId || "local",
      secretAccessKey: secretAccessKey || "local",
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    },
  }
}
