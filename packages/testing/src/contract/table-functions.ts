/**
 * Core's table functions against DynamoDB Local, through this runtime's
 * transport, under default and custom key names: the requests their unit
 * tests build are the ones DynamoDB accepts, and they do what they say.
 */
import {
  batchGetItems,
  batchWriteItems,
  getItem,
  putItem,
  queryAll,
  queryPage,
  scanPages,
  transactWrite,
  updateItem,
} from "@dynamoauth/core/internal"
import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function tableFunctionsContract(env: SuiteEnv) {
  describe("table functions", () => {
    const setup = () => {
      const { options, table } = env.layout()
      const run = crypto.randomUUID()
      const key = (p: string, s = p) => ({
        [options.partitionKey]: `${run}#${p}`,
        [options.sortKey]: `${run}#${s}`,
      })
      return { options, table, run, key }
    }

    it(
      "an update and its condition using the same placeholders for different attributes write the update's",
      async () => {
        const { table, key } = setup()
        await putItem(table, { ...key("a"), guard: "open" })
        const updated = await updateItem(
          table,
          key("a"),
          { expression: "SET #x = :x", names: { "#x": "counter" }, values: { ":x": 1 } },
          { expression: "#x = :x", names: { "#x": "guard" }, values: { ":x": "open" } },
        )
        expect(updated).toMatchObject({ counter: 1, guard: "open" })
        expect(updated).not.toHaveProperty("x")
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "Better Auth's incrementOne shape: missing, null and present counters",
      async () => {
        const { table, key } = setup()
        // The store's counter guard: both expressions name #u0, each declaring it in its own scope.
        const increment = (k: Record<string, string>) =>
          updateItem(
            table,
            k,
            { expression: "SET #u0 = :u0", names: { "#u0": "failedCount" }, values: { ":u0": 1 } },
            {
              expression:
                "attribute_exists(#pk) AND (attribute_not_exists(#u0) OR attribute_type(#u0, :t0))",
              names: { "#u0": "failedCount" },
              values: { ":t0": "NULL" },
            },
          )
        await putItem(table, { ...key("missing"), id: "1" })
        await putItem(table, { ...key("null"), id: "2", failedCount: null })
        await putItem(table, { ...key("present"), id: "3", failedCount: 4 })
        for (const which of ["missing", "null"]) {
          const item = await increment(key(which))
          expect(item.failedCount).toBe(1)
          expect(item).not.toHaveProperty("u0")
        }
        await expect(increment(key("present"))).rejects.toMatchObject({
          name: "ConditionalCheckFailedException",
        })
        expect((await getItem(table, key("present")))?.failedCount).toBe(4)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "put with a condition refuses to overwrite",
      async () => {
        const { table, key } = setup()
        const absent = { expression: "attribute_not_exists(#pk)" }
        await putItem(table, { ...key("p"), v: 1 }, absent)
        await expect(putItem(table, { ...key("p"), v: 2 }, absent)).rejects.toMatchObject({
          name: "ConditionalCheckFailedException",
        })
        expect((await getItem(table, key("p")))?.v).toBe(1)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "batch writes of puts and deletes past one request, batch gets past one request",
      async () => {
        const { table, key } = setup()
        const puts = Array.from({ length: 130 }, (_, i) => ({ ...key("b", String(i)), i }))
        await batchWriteItems(table, { puts })
        const keys = Array.from({ length: 130 }, (_, i) => key("b", String(i)))
        expect(await batchGetItems(table, [...keys, key("none")])).toHaveLength(130)
        await batchWriteItems(table, { deletes: keys.slice(0, 40), puts: [{ ...key("c"), i: -1 }] })
        const left = await batchGetItems(table, [...keys, key("c")])
        expect(left.map((item) => item.i as number).sort((a, b) => a - b)).toEqual([
          -1,
          ...Array.from({ length: 90 }, (_, i) => i + 40),
        ])
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "query pages follow each other to the same items queryAll returns",
      async () => {
        const { table, key, run } = setup()
        const puts = Array.from({ length: 7 }, (_, i) => ({ ...key("q", `s${i}`), i }))
        await batchWriteItems(table, { puts })
        const condition = { expression: "#pk = :p", values: { ":p": `${run}#q` } }
        const paged: unknown[] = []
        let startKey: Record<string, any> | undefined
        let pages = 0
        do {
          const page = await queryPage(table, { condition, limit: 3, startKey })
          paged.push(...page.items.map((item) => item.i))
          startKey = page.lastKey
          pages++
        } while (startKey)
        expect(pages).toBeGreaterThanOrEqual(3)
        expect(paged).toEqual([0, 1, 2, 3, 4, 5, 6])
        const all = await queryAll(table, { condition, ascending: false })
        expect(all.map((item) => item.i)).toEqual([6, 5, 4, 3, 2, 1, 0])
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "scan pages over parallel segments, filtered, see every item once",
      async () => {
        const { table, key, run } = setup()
        const puts = Array.from({ length: 12 }, (_, i) => ({ ...key(`s${i}`), run, i }))
        await batchWriteItems(table, { puts })
        const filter = { expression: "#run = :run", values: { ":run": run } }
        const seen: number[] = []
        for (const segment of [0, 1]) {
          for await (const page of scanPages(table, {
            filter,
            segment,
            totalSegments: 2,
            limit: 5,
          })) {
            seen.push(...page.items.map((item) => item.i as number))
          }
        }
        expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i))
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a cancelled transaction writes nothing and names each action's reason",
      async () => {
        const { table, key } = setup()
        await putItem(table, { ...key("t1"), v: 1 })
        const error = await transactWrite(table, [
          { put: { ...key("t2"), v: 2 } },
          { update: key("t1"), set: { expression: "SET #v = :v", values: { ":v": 9 } } },
          { check: key("t1"), condition: { expression: "#v = :v", values: { ":v": 2 } } },
        ]).catch((e: unknown) => e)
        expect(error).toMatchObject({
          name: "TransactionCanceledException",
          cancellationReasons: ["None", "None", "ConditionalCheckFailed"],
        })
        expect(await getItem(table, key("t2"))).toBeUndefined()
        expect((await getItem(table, key("t1")))?.v).toBe(1)
        await transactWrite(table, [
          { put: { ...key("t2"), v: 2 } },
          { check: key("t1"), condition: { expression: "#v = :v", values: { ":v": 1 } } },
        ])
        expect((await getItem(table, key("t2")))?.v).toBe(2)
      },
      TEST_TIMEOUT_MS,
    )
  })
}
