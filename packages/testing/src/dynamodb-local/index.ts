/**
 * @dynamoauth/testing/dynamodb-local — AWS's DynamoDB Local for tests and local development,
 * fetched once into `<repo root>/.cache/dynamodb-local/` and bound to 127.0.0.1 only. Node only.
 */
export { DYNAMODB_LOCAL_PACKAGE, ensureDynamoDBLocal } from "./ensure.js"
export { freePort } from "./free-port.js"
export {
  type DynamoDBLocal,
  SHARED_ENDPOINT_ENV,
  type StartDynamoDBLocalOptions,
  sharedDynamoDBLocal,
  startDynamoDBLocal,
} from "./start.js"
