/**
 * Better Auth's rate limiter on this table, through its real handler, on one transport: with
 * `storage: "database"` (rows of the rateLimit model) and with `"secondary-storage"`
 * (`dynamoAuthSecondaryStorage` on the same table). Exact under concurrency, never a scan (the
 * prune at each new window is left to TTL), and the DynamoDB requests each allowed and each
 * refused request costs, and by which of Better Auth's adapter calls (BENCHMARKS.md). Web APIs
 * only: rate-limit.test.ts runs it on Node (both transports), workerd/rate-limit.test.ts inside
 * workerd.
 */
import type { Transport } from "@dynamoauth/core"
import { unmarshallItem } from "@dynamoauth/core/internal"
import { BETTER_AUTH_BASE } from "@dynamoauth/testing/better-auth-handler"
import { scanAll } from "@dynamoauth/testing/contract"
import { betterAuth } from "better-auth"
import { describe, expect, it, vi } from "vitest"
import { dynamoAuthBetterAuth, dynamoAuthSecondaryStorage } from "../../src/index.js"
import { countingTransport, freshTable, traceAdapterCalls } from "../edge.js"

const MAX = 5
const CALLERS = 20

export type RateLimitStorage = "database" | "secondary-storage"

export function defineRateLimitSuite(label: string, transport: Transport): void {
  describe(label, () => {
    async function setup(storage: RateLimitStorage, window = 60) {
      const table = await freshTable(transport)
      const { counted, requests } = countingTransport(transport)
      const errors: string[] = []
      const auth = betterAuth({
        baseURL: BETTER_AUTH_BASE,
        secret: "a-test-secret-that-is-long-enough-0123456789",
        database: dynamoAuthBetterAuth({ transport: counted, ...table, scan: "refuse" }),
        ...(storage === "secondary-storage"
          ? { secondaryStorage: dynamoAuthSecondaryStorage({ transport: counted, ...table }) }
          : {}),
        rateLimit: { enabled: true, storage, window, max: MAX },
        advanced: { ipAddress: { ipAddressHeaders: ["x-forwarded-for"] } },
        logger: {
          log: (level, message, ...args) => {
            const text = [message, ...args.map(String)].join(" ")
            if (level === "error") errors.push(text)
          },
        },
      })
      const calls = traceAdapterCalls((await auth.$context).adapter, requests)
      /** GET /ok (no database work of its own) from one client address: status, requests sent and by which adapter call. */
      const hit = async (ip: string) => {
        requests.length = 0
        calls.length = 0
        const response = await auth.handler(
          new Request(`${BETTER_AUTH_BASE}/api/auth/ok`, { headers: { "x-forwarded-for": ip } }),
        )
        await response.text()
        return { status: response.status, sent: [...requests], calls: [...calls] }
      }
      return { auth, table, hit, requests, errors }
    }

    it.each<RateLimitStorage>(["database", "secondary-storage"])(
      `storage %s: ${MAX} of ${CALLERS} concurrent requests allowed`,
      async (storage) => {
        const { hit, errors } = await setup(storage)
        const statuses = await Promise.all(
          Array.from({ length: CALLERS }, () => hit("203.0.113.7").then((r) => r.status)),
        )
        expect(statuses.filter((s) => s === 200)).toHaveLength(MAX)
        expect(statuses.filter((s) => s === 429)).toHaveLength(CALLERS - MAX)
        expect(errors).toEqual([])
      },
    )

    it.each<RateLimitStorage>(["database", "secondary-storage"])(
      "storage %s: requests per allowed and refused request, no scan at a new window",
      async (storage) => {
        const { hit, table, errors } = await setup(storage, 1)
        const ip = `198.51.100.${Math.floor(Math.random() * 200)}`
        // Better Auth's clock (Date) is held still, so a loaded machine cannot let the 1 s window
        // pass in the middle of the first requests; timers and the network run as usual.
        vi.useFakeTimers({ toFake: ["Date"] })
        let first: Awaited<ReturnType<typeof hit>>
        let allowed: typeof first
        let refused: typeof first
        let renewed: typeof first
        try {
          // Ten minutes into the hour: a row's TTL (rounded up to the hour) stays put across the
          // steps, so the new window needs no claim rewrite (that costs a transaction once an hour).
          vi.setSystemTime(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 600_000)
          first = await hit(ip)
          allowed = await hit(ip)
          for (let i = 2; i < MAX; i++) expect((await hit(ip)).status).toBe(200)
          refused = await hit(ip)
          expect([first.status, allowed.status, refused.status]).toEqual([200, 200, 429])
          // The window (1 s) has passed: the row is reset, old rows are pruned without a scan.
          vi.setSystemTime(Date.now() + 1100)
          renewed = await hit(ip)
        } finally {
          vi.useRealTimers()
        }
        expect(renewed.status).toBe(200)
        for (const step of [first, allowed, refused, renewed])
          expect(step.sent).not.toContain("Scan")
        expect(errors).toEqual([])
        const items = (await scanAll(transport, table.tableName)).map((i) =>
          unmarshallItem(i as any),
        )
        // Every row (and its claim) expires through the table's TTL attribute.
        expect(items.length).toBeGreaterThan(0)
        for (const item of items) expect(item.expires).toEqual(expect.any(Number))
        console.log(
          `rate limit (${storage}): first ${first.sent.length} [${first.sent.join(" ")}], allowed ${allowed.sent.length} [${allowed.sent.join(" ")}], refused ${refused.sent.length} [${refused.sent.join(" ")}], new window ${renewed.sent.length} [${renewed.sent.join(" ")}]`,
        )
        // database: Better Auth reads the row, increments it under a condition and, when refused,
        // reads it again, from its onRequest hook (outside any request context, README).
        const expected =
          storage === "database"
            ? {
                first: ["GetItem", "TransactWriteItems"],
                allowed: ["GetItem", "UpdateItem"],
                refused: ["GetItem", "GetItem", "GetItem"],
                renewed: ["GetItem", "UpdateItem"],
              }
            : {
                first: ["UpdateItem"],
                allowed: ["UpdateItem"],
                refused: ["UpdateItem"],
                renewed: ["UpdateItem", "UpdateItem"],
              }
        expect({
          first: first.sent,
          allowed: allowed.sent,
          refused: refused.sent,
          renewed: renewed.sent,
        }).toEqual(expected)
        if (storage === "database") {
          // Which of Better Auth's calls sends which request; deleteMany (the prune) sends none.
          expect(allowed.calls).toEqual([
            "findMany rateLimit: GetItem",
            "incrementOne rateLimit: UpdateItem",
          ])
          expect(refused.calls).toEqual([
            "findMany rateLimit: GetItem",
            "incrementOne rateLimit: GetItem",
            "findMany rateLimit: GetItem",
          ])
          expect(renewed.calls).toEqual([
            "findMany rateLimit: GetItem",
            "incrementOne rateLimit: UpdateItem",
            "deleteMany rateLimit: -",
          ])
        }
      },
    )
  })
}
