/**
 * The better-auth the Better Auth targets run on: the newest the adapter's peer range allows
 * (this package's own dependency, what users installing today get), while the adapter under test
 * stays the workspace's @dynamoauth/better-auth, whose own devDependency is the lowest (1.7.5).
 * The adapter's one run-time import of better-auth (`createAdapterFactory`) must come from the
 * same copy as `betterAuth`: in the CLI a resolve hook sees to it (resolve-hooks.ts), in vitest
 * `resolve.dedupe` (vitest.config.ts). Two copies would run 1.7.5's adapter factory under
 * 1.7.29's endpoints, a pairing no user has; `assertOneBetterAuth` refuses to run then.
 */
import { readFileSync } from "node:fs"
import { dynamoAuthBetterAuth } from "@dynamoauth/better-auth"
import { createAdapterFactory } from "better-auth/adapters"

export const BETTER_AUTH_VERSION = "1.7.29"

const { version } = JSON.parse(
  readFileSync(new URL("../../node_modules/better-auth/package.json", import.meta.url), "utf8"),
) as { version: string }

/** Throws unless the adapter under test was built by this package's better-auth, of BETTER_AUTH_VERSION. */
export function assertOneBetterAuth(): void {
  const send = () => Promise.reject(new Error("not sent"))
  const adapter = dynamoAuthBetterAuth({ transport: { send }, tableName: "probe" })({})
  const reference = createAdapterFactory({
    config: { adapterId: "probe" },
    adapter: () => ({}) as never,
  })({})
  // The factory's methods are closures of the copy that made them: the same text, the same code.
  const same = adapter.create.toString() === reference.create.toString()
  if (version !== BETTER_AUTH_VERSION || !same) {
    throw new Error(
      `chaos: the Better Auth targets must run on one better-auth ${BETTER_AUTH_VERSION}; found ${version}${same ? "" : ", and the adapter's factory from another copy"}`,
    )
  }
}
