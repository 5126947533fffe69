/**
 * A failure at each write of Better Auth's sign-up flows leaves no item behind, and the same
 * request then succeeds: email sign-up through the real handler, OAuth sign-up
 * (`internalAdapter.createOAuthUser`, which Better Auth's OAuth callback runs in a transaction)
 * and account linking (`internalAdapter.linkAccount`). Each write is failed in turn by the fault
 * proxy `control` drives (a reset connection that outlasts the transport's retries). Web APIs
 * only: flow-faults.test.ts runs it on Node (both transports), workerd/flow-faults.test.ts inside
 * workerd.
 */
import type { Transport } from "@dynamoauth/core"
import { BETTER_AUTH_BASE, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import type { AsyncFaultProxyControls } from "@dynamoauth/testing/fault-proxy-remote"
import { betterAuth } from "better-auth"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { freshTable } from "../edge.js"
import { faultAtWrite, itemsOf } from "./faults.js"

type Auth = { handler: (request: Request) => Promise<Response>; $context: Promise<any> }

/**
 * A flow: `prepare` writes what must exist before it, `run` is the request (it throws when it
 * failed), `check` then proves it worked; only `run` is faulted.
 */
interface Flow {
  prepare?(auth: Auth): Promise<void>
  run(auth: Auth): Promise<void>
  check(auth: Auth): Promise<void>
}

const email = () => `fault-${crypto.randomUUID()}@example.com`

const FLOWS: Record<string, () => Flow> = {
  "email sign-up": () => {
    const body = { email: email(), password: "correct horse battery", name: "Ada" }
    return {
      async run(auth) {
        const reply = await callBetterAuth(auth, "/sign-up/email", { body })
        if (reply.status !== 200) throw new Error(`sign-up answered ${reply.status}`)
      },
      async check(auth) {
        const signIn = await callBetterAuth(auth, "/sign-in/email", { body })
        expect(signIn.status).toBe(200)
      },
    }
  },
  "OAuth sign-up (createOAuthUser)": () => {
    const address = email()
    const accountId = crypto.randomUUID()
    return {
      async run(auth) {
        const { internalAdapter } = await auth.$context
        const created = await internalAdapter.createOAuthUser(
          { name: "Ada", email: address, emailVerified: true },
          { providerId: "github", accountId, accessToken: "gho_test" },
        )
        expect(created.account).toMatchObject({ userId: created.user.id, accountId })
      },
      async check(auth) {
        const { internalAdapter } = await auth.$context
        const user = await internalAdapter.findUserByEmail(address, { includeAccounts: true })
        expect(user?.accounts).toMatchObject([{ providerId: "github", accountId }])
      },
    }
  },
  "account linking (linkAccount)": () => {
    const address = email()
    let userId = ""
    return {
      async prepare(auth) {
        const { internalAdapter } = await auth.$context
        const user = { name: "Ada", email: address }
        userId = (await internalAdapter.createUser(user, { method: "email-password" } as never)).id
      },
      async run(auth) {
        const { internalAdapter } = await auth.$context
        await internalAdapter.linkAccount({ userId, providerId: "google", accountId: address })
      },
      async check(auth) {
        const { internalAdapter } = await auth.$context
        const accounts = await internalAdapter.findAccounts(userId)
        expect(accounts.map((a: { providerId: string }) => a.providerId)).toEqual(["google"])
      },
    }
  },
}

export function defineFlowFaultsSuite(
  label: string,
  transport: Transport,
  control: AsyncFaultProxyControls,
): void {
  describe(label, () => {
    const instance = (send: Transport, table: Awaited<ReturnType<typeof freshTable>>) =>
      betterAuth({
        baseURL: BETTER_AUTH_BASE,
        secret: "a-test-secret-that-is-long-enough-0123456789",
        database: dynamoAuthBetterAuth({ transport: send, ...table, scan: "refuse" }),
        verification: { disableCleanup: true },
        emailAndPassword: { enabled: true },
        logger: { disabled: true },
      })

    it.each(Object.keys(FLOWS))(
      "%s: a failure at each write leaves no item behind; the same request then succeeds",
      async (name) => {
        // How many writes the flow makes, from a run without faults.
        const counting = faultAtWrite(transport, control, 0)
        const clean = FLOWS[name]!()
        const cleanAuth = instance(counting.transport, await freshTable(transport))
        await clean.prepare?.(cleanAuth)
        counting.arm()
        await clean.run(cleanAuth)
        const writes = counting.writes()
        await clean.check(cleanAuth)
        expect(writes).toBeGreaterThan(0)
        for (let n = 1; n <= writes; n++) {
          const table = await freshTable(transport)
          const faulty = faultAtWrite(transport, control, n)
          const auth = instance(faulty.transport, table)
          const flow = FLOWS[name]!()
          await flow.prepare?.(auth)
          const before = await itemsOf(transport, table.tableName)
          faulty.arm()
          await expect(flow.run(auth)).rejects.toBeTruthy()
          await faulty.disarm()
          expect(await itemsOf(transport, table.tableName)).toEqual(before)
          await flow.run(auth)
          await flow.check(auth)
        }
      },
    )
  })
}
