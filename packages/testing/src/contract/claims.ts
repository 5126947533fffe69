/**
 * Core's one claims protocol (take, rewrite, release, stale takeover), which
 * both layouts use, against DynamoDB Local through this runtime's transport.
 * The adapters' own suites test what their claims guard; this tests the
 * protocol on items of neither layout.
 */
import {
  type Claim,
  claimRelease,
  claimRewrite,
  getItem,
  putItem,
  transactClaims,
  transactWrite,
} from "@dynamoauth/core/internal"
import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function claimsContract(env: SuiteEnv) {
  describe("claims protocol", () => {
    const setup = () => {
      const { options, table } = env.layout()
      const run = crypto.randomUUID()
      const key = (name: string) => ({
        [options.partitionKey]: `${run}#${name}`,
        [options.sortKey]: `${run}#${name}`,
      })
      /** A claim owned through `by`; the owners in `live` still hold the value. */
      const claim = (name: string, owner: string, live: string[] = []) => {
        const seen: (string | undefined)[] = []
        const spec: Claim = {
          item: { ...key(name), by: owner },
          owner: "by",
          async takeOver(current, cause) {
            seen.push(current)
            if (current !== undefined && live.includes(current)) throw new Error("held", { cause })
            return current === undefined ? [] : [{ delete: key(`left-by-${current}`) }]
          },
        }
        return { spec, seen }
      }
      return { table, key, claim }
    }

    it(
      "a free claim is taken with the items; a live owner's is the caller's conflict, nothing written",
      async () => {
        const { table, key, claim } = setup()
        await transactClaims(table, [{ put: { ...key("record-a"), v: 1 } }], [claim("c", "a").spec])
        expect((await getItem(table, key("c")))?.by).toBe("a")
        const taken = claim("c", "b", ["a"])
        const error = await transactClaims(
          table,
          [{ put: { ...key("record-b"), v: 1 } }],
          [taken.spec],
        ).catch((e: unknown) => e)
        expect((error as Error).message).toBe("held")
        expect(taken.seen).toEqual(["a"])
        expect(await getItem(table, key("record-b"))).toBeUndefined()
        expect((await getItem(table, key("c")))?.by).toBe("a")
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a stale claim is taken over with what takeOver returns, in the same transaction",
      async () => {
        const { table, key, claim } = setup()
        await putItem(table, { ...key("c"), by: "gone" })
        await putItem(table, { ...key("left-by-gone"), v: 1 })
        const next = claim("c", "b")
        await transactClaims(table, [{ put: { ...key("record-b"), v: 1 } }], [next.spec])
        expect(next.seen).toEqual(["gone"])
        expect((await getItem(table, key("c")))?.by).toBe("b")
        expect(await getItem(table, key("left-by-gone"))).toBeUndefined()
        expect(await getItem(table, key("record-b"))).toBeDefined()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "an item's own failed condition is thrown as it is, before any claim is looked at",
      async () => {
        const { table, key, claim } = setup()
        await putItem(table, { ...key("c"), by: "a" })
        const other = claim("c", "b", ["a"])
        const error = await transactClaims(
          table,
          [{ check: key("missing"), condition: { expression: "attribute_exists(#pk)" } }],
          [other.spec],
        ).catch((e: unknown) => e)
        expect(error).toMatchObject({ name: "TransactionCanceledException" })
        expect(other.seen).toEqual([])
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "rewrite and release only while the owner still holds the claim",
      async () => {
        const { table, key } = setup()
        await putItem(table, { ...key("c"), by: "a" })
        await expect(
          transactWrite(table, [claimRewrite({ ...key("c"), by: "b", v: 2 }, "by", "b")]),
        ).rejects.toMatchObject({ name: "TransactionCanceledException" })
        await transactWrite(table, [claimRewrite({ ...key("c"), by: "a", v: 2 }, "by", "a")])
        expect((await getItem(table, key("c")))?.v).toBe(2)
        await expect(
          transactWrite(table, [claimRelease(key("c"), "by", "b")]),
        ).rejects.toMatchObject({ name: "TransactionCanceledException" })
        await transactWrite(table, [claimRelease(key("c"), "by", "a")])
        expect(await getItem(table, key("c"))).toBeUndefined()
        // Releasing what is already gone succeeds.
        await transactWrite(table, [claimRelease(key("c"), "by", "a")])
      },
      TEST_TIMEOUT_MS,
    )
  })
}
