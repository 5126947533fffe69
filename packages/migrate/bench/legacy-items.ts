/**
 * Legacy (next-auth v3) items for the benchmark, generated in memory in the
 * shapes the fixtures write through the aws-sdk v2 DocumentClient (see
 * test/fixtures/legacy-writer.ts), so a large table fills quickly with
 * BatchWriteItem. Five items per user: user, account, two sessions and a
 * verification request.
 */
import type { AttributeMap } from "@dynamoauth/core"

const DAY = 24 * 60 * 60 * 1000

export function* legacyItems(users: number, now = Date.now()): Generator<AttributeMap> {
  const created = new Date(now - 90 * DAY).toISOString()
  for (let i = 0; i < users; i++) {
    const id = i.toString(16).padStart(32, "0")
    const email = `bench.${i}@example.com`
    yield {
      pk: { S: `USER#${id}` },
      sk: { S: `USER#${id}` },
      GSI1PK: { S: `USER#${email}` },
      GSI1SK: { S: `USER#${email}` },
      id: { S: id },
      type: { S: "USER" },
      name: { S: `Bench User ${i}` },
      email: { S: email },
      emailVerified: { NULL: true },
      createdAt: { S: created },
      updatedAt: { S: created },
    }
    yield {
      pk: { S: `USER#${id}` },
      sk: { S: `ACCOUNT#github#${100000 + i}` },
      GSI1PK: { S: `ACCOUNT#${100000 + i}` },
      GSI1SK: { S: "ACCOUNT#github" },
      providerId: { S: "github" },
      providerAccountId: { N: String(100000 + i) },
      providerType: { S: "oauth" },
      accessToken: { S: `gho_${id}` },
      accessTokenExpires: { NULL: true },
      type: { S: "ACCOUNT" },
      userId: { S: id },
      createdAt: { S: created },
      updatedAt: { S: created },
    }
    for (const [suffix, offset] of [
      ["a", 30 * DAY],
      ["b", -DAY],
    ] as const) {
      const token = `${suffix}${id}`.padEnd(64, "0")
      yield {
        pk: { S: `USER#${id}` },
        sk: { S: `SESSION#${token}` },
        GSI1PK: { S: `SESSION#${token}` },
        GSI1SK: { S: `SESSION#${token}` },
        sessionToken: { S: token },
        accessToken: { S: `x${token}`.slice(0, 64) },
        type: { S: "SESSION" },
        userId: { S: id },
        expires: { S: new Date(now + offset).toISOString() },
        createdAt: { S: created },
        updatedAt: { S: created },
      }
    }
    yield {
      pk: { S: `VR#${email}` },
      sk: { S: `VR#${id}${id}` },
      token: { S: `${id}${id}` },
      identifier: { S: email },
      type: { S: "VR" },
      expires: { S: new Date(now + DAY).toISOString() },
      createdAt: { S: created },
      updatedAt: { S: created },
    }
  }
}

export const ITEMS_PER_USER = 5
