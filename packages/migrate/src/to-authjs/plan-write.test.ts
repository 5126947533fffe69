import { createKeys, resolveTableOptions } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import { planWrite } from "./plan-write.js"
import { transformItem } from "./transform/index.js"

const keys = createKeys(resolveTableOptions())
const S = (S: string) => ({ S })
const session = {
  pk: S("USER#u"),
  sk: S("SESSION#t"),
  GSI1PK: S("SESSION#t"),
  GSI1SK: S("SESSION#t"),
  sessionToken: S("t"),
  type: S("SESSION"),
  userId: S("u"),
  expires: S("2021-01-01T00:00:00.000Z"),
  note: { NULL: true as const },
}

describe("planWrite", () => {
  it("updates only what changed, on condition that what it read is unchanged", () => {
    const result = transformItem(session, { keys, dropLegacy: false })
    const write = planWrite(session, result, { keys, sourceTable: "t1" })
    expect(write.actions).toHaveLength(1)
    const update = (write.actions[0]!.action as any).Update
    expect(update.Key).toEqual({ pk: session.pk, sk: session.sk })
    expect(update.UpdateExpression).toMatch(/^SET #n\d+ = :v\d+$/)
    const names = update.ExpressionAttributeNames as Record<string, string>
    const values = update.ExpressionAttributeValues as Record<string, unknown>
    const setName = update.UpdateExpression.split(" ")[1]
    expect(names[setName]).toBe("expires")
    expect(Object.values(values)).toContainEqual({ N: "1609459200" })
    // The old expiry, the token and the index keys are all part of the condition; `note` (never read) is not.
    expect(Object.values(values)).toContainEqual(S("2021-01-01T00:00:00.000Z"))
    expect(Object.values(names)).toEqual(
      expect.arrayContaining(["pk", "expires", "sessionToken", "GSI1PK", "GSI1SK", "type"]),
    )
    expect(Object.values(names)).not.toContain("note")
    expect(update.ConditionExpression).toMatch(/^attribute_exists\(#n\d+\) AND /)
  })

  it("re-keys with a put where nothing exists and a delete of the unchanged old item", () => {
    const request = {
      pk: S("VR#a@b.c"),
      sk: S("VR#h"),
      identifier: S("a@b.c"),
      token: S("h"),
      type: S("VR"),
      expires: S("2021-01-01T00:00:00.000Z"),
      gone: { NULL: true as const },
    }
    const result = transformItem(request, { keys, dropLegacy: false })
    const write = planWrite(request, result, { keys, sourceTable: "t1" })
    expect(write.actions.map((a) => a.role)).toEqual(["put-new", "delete-old"])
    const put = (write.actions[0]!.action as any).Put
    expect(put.Item.pk).toEqual(S("VT#a@b.c"))
    expect(put.ConditionExpression).toBe("attribute_not_exists(#pk)")
    const del = (write.actions[1]!.action as any).Delete
    // Every attribute of the old item is in the condition; a NULL is tested by type.
    expect(Object.values(del.ExpressionAttributeNames).sort()).toEqual([
      "expires",
      "gone",
      "identifier",
      "pk",
      "token",
      "type",
    ])
    expect(del.ConditionExpression).toContain("attribute_type(")
  })

  it("copies into another table with a check that the source is unchanged", () => {
    const result = transformItem(session, { keys, dropLegacy: false })
    const write = planWrite(session, result, { keys, sourceTable: "old", targetTable: "new" })
    expect(write.actions.map((a) => a.role)).toEqual(["check-source", "put-target"])
    expect((write.actions[0]!.action as any).ConditionCheck.TableName).toBe("old")
    expect((write.actions[1]!.action as any).Put).toMatchObject({
      TableName: "new",
      Item: result.item,
    })
  })
})
