/**
 * @dynamoauth/migrate — moves next-auth v3-era (and 1.0.0/1.0.1) DynamoDB
 * adapter tables to the current Auth.js layout, and creates and checks
 * tables. Node only; every function takes a core Transport (adapter-node's
 * `createNodeTransport(new DynamoDBClient(…))`). The `dynamoauth` CLI is a
 * thin shell over these functions.
 */

export { type DoctorOptions, type DoctorReport, doctor, type Finding } from "./doctor/doctor.js"
export { cdkSnippet, cloudFormationTemplate } from "./init/infrastructure.js"
export { type InitOptions, type InitReport, initTable } from "./init/init.js"
export type { MigrateOptions, Progress } from "./options.js"
export type { Counters, Failure, Report, Sample } from "./report/report.js"
export { planMigration, runMigration, verifyMigration } from "./to-authjs/index.js"
export {
  classify,
  type ItemKind,
  type TransformContext,
  type TransformResult,
  transformItem,
} from "./to-authjs/transform/index.js"
export {
  type BetterAuthMapping,
  type BetterAuthReport,
  type EmailCollision,
  type EmailCollisions,
  planBetterAuthMigration,
  runBetterAuthMigration,
  type SessionsMode,
  type ToBetterAuthOptions,
  toBetterAuth,
  verifyBetterAuthMigration,
} from "./to-better-auth/index.js"
export type { RateLimit } from "./transport/rate-limit.js"
export type { RetryOptions } from "./transport/retries.js"
