/**
 * The packed packages, installed with plain `npm install` into a next-auth 4 app and a
 * next-auth 5 app (with `@auth/express` beside it), type-check in the code the README shows:
 * no cast, no `--legacy-peer-deps`, and the adapter is typed (not `any`): `@ts-expect-error`
 * lines fail tsc if it were. Next.js itself is not installed (`omitPeers`): the config types
 * under test are next-auth's and @auth/core's, and skipLibCheck (create-next-app's default)
 * leaves next-auth's own references to it unchecked.
 */
import { existsSync, mkdtempSync } from "node:fs"
import { rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createConsumer, packedTarballs, typecheckConsumer } from "@dynamoauth/testing/packed"
import { afterAll, beforeAll, describe, expect, test } from "vitest"

const PACKAGES = ["@dynamoauth/core", "@dynamoauth/adapter-node", "@dynamoauth/adapter-edge"]
const AWS_SDK = { "@aws-sdk/client-dynamodb": "3.1162.0", "@aws-sdk/lib-dynamodb": "3.1162.0" }
const TYPESCRIPT = { typescript: "5.9.3" }

// create-next-app's settings.
const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: "ES2017",
    lib: ["dom", "dom.iterable", "esnext"],
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    module: "esnext",
    moduleResolution: "bundler",
    resolveJsonModule: true,
    isolatedModules: true,
    jsx: "preserve",
    skipLibCheck: true,
  },
  include: ["**/*.ts"],
  exclude: ["node_modules"],
})

const CLIENTS = `
import { DynamoDB } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { DynamoDBAdapter as EdgeAdapter } from "@dynamoauth/adapter-edge"

export const nodeAdapter = DynamoDBAdapter(DynamoDBDocument.from(new DynamoDB({})), { tableName: "next-auth" })
export const edgeAdapter = EdgeAdapter({
  region: "us-east-1",
  credentials: { accessKeyId: "id", secretAccessKey: "secret" },
})
`

// Would be unused (a tsc error) if the adapter were \`any\` or its methods optional.
const NOT_ANY = `
import { nodeAdapter, edgeAdapter } from "./adapters"

// @ts-expect-error an id is a string
void nodeAdapter.getUser(42)
// @ts-expect-error the same types on the edge
void edgeAdapter.getSessionAndUser(null)
// Every method is present: no \`?.\`.
export const user: Promise<{ id: string; email: string } | null> = nodeAdapter.getUser("id")
export const sessions = edgeAdapter.getSessionAndUser("token").then((s) => s?.user.email)
`

let dir = ""
let tarballs: Record<string, string> = {}
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dynamoauth-consumers-"))
  tarballs = await packedTarballs(PACKAGES)
  // Packing five packages with pnpm takes about a minute on two busy cores (once per build:
  // later runs reuse the cached tarballs).
}, 300_000)
afterAll(() => rm(dir, { recursive: true, force: true }), 120_000)

describe("packed packages in a consumer app (npm install, tsc)", () => {
  test("next-auth 4.24: NextAuthOptions in pages/api/auth/[...nextauth].ts", async () => {
    const app = await createConsumer({
      dir: join(dir, "next-auth-4"),
      tarballs,
      // next and react (next-auth's peers) only matter to next-auth's own types here.
      omitPeers: true,
      dependencies: { "next-auth": "4.24.15", ...TYPESCRIPT, ...AWS_SDK },
      files: {
        "tsconfig.json": TSCONFIG,
        "adapters.ts": CLIENTS,
        "not-any.ts": NOT_ANY,
        "pages/api/auth/[...nextauth].ts": `
import NextAuth, { type NextAuthOptions } from "next-auth"
import { edgeAdapter, nodeAdapter } from "../../../adapters"

export const authOptions: NextAuthOptions = {
  adapter: nodeAdapter,
  providers: [],
  session: { strategy: "database" },
}
export const edgeOptions: NextAuthOptions = { adapter: edgeAdapter, providers: [] }
export default NextAuth(authOptions)
`,
      },
    })
    // The case this guards: a next-auth 4 app has no @auth/core to take types from.
    expect(existsSync(join(app.dir, "node_modules/@auth/core"))).toBe(false)
    await typecheckConsumer(app.dir)
  }, 300_000)

  test("next-auth 5: NextAuth({ adapter }) in auth.ts, and @auth/express", async () => {
    const app = await createConsumer({
      dir: join(dir, "next-auth-5"),
      tarballs,
      // next and react (next-auth's peers) only matter to next-auth's own types here.
      omitPeers: true,
      dependencies: {
        "next-auth": "5.0.0-beta.32",
        "@auth/express": "0.12.3",
        express: "5.3.0",
        "@types/express": "5.0.6",
        ...TYPESCRIPT,
        ...AWS_SDK,
      },
      files: {
        "tsconfig.json": TSCONFIG,
        "adapters.ts": CLIENTS,
        "not-any.ts": NOT_ANY,
        "auth.ts": `
import NextAuth from "next-auth"
import { nodeAdapter } from "./adapters"

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: nodeAdapter,
  providers: [],
  session: { strategy: "database" },
})
`,
        "edge-auth.ts": `
import NextAuth from "next-auth"
import { edgeAdapter } from "./adapters"

export const { auth } = NextAuth({ adapter: edgeAdapter, providers: [], session: { strategy: "database" } })
`,
        "server.ts": `
import { ExpressAuth } from "@auth/express"
import express from "express"
import { nodeAdapter } from "./adapters"

express().use("/auth", ExpressAuth({ adapter: nodeAdapter, providers: [] }))
`,
      },
    })
    await typecheckConsumer(app.dir)
  }, 300_000)
})
