/**
 * `dynamoAuthSecondaryStorage` on DynamoDB Local, on one transport: get, set with TTL (expired
 * entries read as missing before DynamoDB TTL deletes them), delete, and getAndDelete and
 * increment exact under 20 concurrent callers; and Better Auth keeping its sessions there. Web
 * APIs only: secondary-storage.test.ts runs it on Node (both transports),
 * workerd/secondary-storage.test.ts inside workerd.
 */
import type { Transport } from "@dynamoauth/core"
import { BETTER_AUTH_BASE, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import { scanAll } from "@dynamoauth/testing/contract"
import { betterAuth } from "better-auth"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth, dynamoAuthSecondaryStorage } from "../../src/index.js"
import { countingTransport, freshTable } from "../edge.js"

const CALLERS = 20
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function defineSecondaryStorageSuite(label: string, transport: Transport): void {
  describe(label, () => {
    it("gets, sets with a TTL, deletes; expired entries read as missing", async () => {
      const storage = dynamoAuthSecondaryStorage({ transport, ...(await freshTable(transport)) })
      expect(await storage.get("a")).toBeNull()
      await storage.set("a", "1")
      // Expiry is kept in whole seconds: 2 s leaves at least one second before it passes.
      await storage.set("short", "2", 2)
      expect(await storage.get("a")).toBe("1")
      expect(await storage.get("short")).toBe("2")
      await storage.delete("a")
      expect(await storage.get("a")).toBeNull()
      // Still in the table (TTL deletes it later), but past its expiry.
      await sleep(3100)
      expect(await storage.get("short")).toBeNull()
      expect(await storage.getAndDelete("short")).toBeNull()
    })

    it(`getAndDelete: of ${CALLERS} concurrent callers exactly one gets the value`, async () => {
      const storage = dynamoAuthSecondaryStorage({ transport, ...(await freshTable(transport)) })
      await storage.set("once", "secret", 60)
      const results = await Promise.all(
        Array.from({ length: CALLERS }, () => storage.getAndDelete("once")),
      )
      expect(results.filter((r) => r !== null)).toEqual(["secret"])
    })

    it(`increment: ${CALLERS} concurrent callers count 1..${CALLERS}; a new window after expiry`, async () => {
      const storage = dynamoAuthSecondaryStorage({ transport, ...(await freshTable(transport)) })
      // A window the 20 calls cannot outlast, even on a slow machine.
      const counts = await Promise.all(
        Array.from({ length: CALLERS }, () => storage.increment("ip:1", 60)),
      )
      expect([...counts].sort((a, b) => a - b)).toEqual(
        Array.from({ length: CALLERS }, (_, i) => i + 1),
      )
      // A 2 s window (whole seconds: at least one second long) that has passed starts again at 1.
      expect(await storage.increment("ip:2", 2)).toBe(1)
      expect(await storage.increment("ip:2", 2)).toBe(2)
      await sleep(3100)
      expect(await storage.increment("ip:2", 60)).toBe(1)
    })

    it("a key past DynamoDB's limits: found nowhere without a request, refused as a write, nothing written", async () => {
      const table = await freshTable(transport)
      const { counted, requests } = countingTransport(transport)
      const storage = dynamoAuthSecondaryStorage({ transport: counted, ...table })
      // "é" is 2 bytes: the key holds 1024 bytes with its prefix.
      const key = `rate:${"é".repeat(600)}`
      expect(await storage.get(key)).toBeNull()
      expect(await storage.getAndDelete(key)).toBeNull()
      await storage.delete(key)
      expect(requests).toEqual([])
      for (const write of [() => storage.set(key, "v", 60), () => storage.increment(key, 60)]) {
        const error = await Promise.resolve()
          .then(write)
          .catch((e: unknown) => e)
        expect(error).toMatchObject({
          code: "INVALID_INPUT",
          message: expect.stringMatching(/: key is over DynamoDB's 1024-byte key limit/),
        })
        expect((error as Error).message).not.toContain("éé")
      }
      expect(requests).toEqual([])
      expect(await scanAll(transport, table.tableName)).toEqual([])
    })

    it("keeps Better Auth's sessions: sign-up, session check, sign-out", async () => {
      const table = await freshTable(transport)
      const auth = betterAuth({
        baseURL: BETTER_AUTH_BASE,
        secret: "a-test-secret-that-is-long-enough-0123456789",
        database: dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" }),
        secondaryStorage: dynamoAuthSecondaryStorage({ transport, ...table }),
        verification: { disableCleanup: true },
        emailAndPassword: { enabled: true },
      })
      const call = (path: string, body?: unknown, cookie?: string) =>
        callBetterAuth(auth, path, { body, cookie })
      const email = `kv-${crypto.randomUUID()}@example.com`
      const up = await call("/sign-up/email", {
        email,
        password: "correct horse battery",
        name: "K",
      })
      expect((await call("/get-session", undefined, up.cookie)).json.user.email).toBe(email)
      await call("/sign-out", {}, up.cookie)
      expect((await call("/get-session", undefined, up.cookie)).json).toBeNull()
    })
  })
}
