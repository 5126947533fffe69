/**
 * What the test files import from the scratch app, each through `entries/<slug>.mjs` there
 * (consumer.ts writes them, context.ts imports them). No imports: this runs in every runtime.
 */
export const INSTALLED = [
  "@dynamoauth/adapter-node",
  "@dynamoauth/adapter-edge",
  "@aws-sdk/client-dynamodb",
  "@aws-sdk/lib-dynamodb",
] as const

export type InstalledName = (typeof INSTALLED)[number]

/** `@dynamoauth/adapter-node` → `dynamoauth-adapter-node` */
export const slug = (name: string) => name.replace(/^@/, "").replace("/", "-")
