/**
 * Both ways on one table: what @auth/dynamodb-adapter writes, we read; what
 * we write, it reads; and the same input gives the same stored item.
 */

import type { Adapter } from "@auth/core/adapters"
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { createNodeTransport, DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { createTable, type RawTable, rawTable, uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { beforeAll, describe, expect, it } from "vitest"
import { documentClient, sdkClient } from "./sdk-client.js"

type Full = Required<Adapter>
const endpoint = dynamodbEndpoint()
const transport = createNodeTransport(sdkClient(endpoint))
let tableName: string
let official: Full
let ours: Full
let raw: RawTable

const inDays = (n: number) => new Date(Math.floor(Date.now() / 1000) * 1000 + n * 86_400_000 + 456)
const user = () => ({
  id: "",
  email: `${crypto.randomUUID()}@example.com`,
  emailVerified: inDays(0),
  name: "Grace Hopper",
  image: "https://example.com/g.png",
})
const account = (userId: string) => ({
  userId,
  type: "oauth" as const,
  provider: "google",
  providerAccountId: crypto.randomUUID(),
  access_token: "ya29.token",
  expires_at: 1_900_000_000,
  token_type: "bearer" as const,
  id_token: "eyJ.id.token",
})

beforeAll(async () => {
  const options = await createTable(transport, { tableName: uniqueName("compat") })
  tableName = options.tableName
  official = OfficialAdapter(documentClient(endpoint), { tableName }) as Full
  ours = DynamoDBAdapter(documentClient(endpoint), { tableName }) as Full
  raw = rawTable({ transport, names: options })
})

describe("tables shared with @auth/dynamodb-adapter", () => {
  it("we read everything the official adapter wrote", async () => {
    const u = await official.createUser(user())
    const a = account(u.id)
    await official.linkAccount(a)
    const session = { sessionToken: crypto.randomUUID(), userId: u.id, expires: inDays(30) }
    await official.createSession(session)
    const token = { identifier: u.email, token: crypto.randomUUID(), expires: inDays(1) }
    await official.createVerificationToken(token)

    expect(await ours.getUser(u.id)).toEqual(u)
    expect(await ours.getUserByEmail(u.email)).toEqual(u)
    expect(await ours.getUserByAccount(a)).toEqual(u)
    expect(await ours.getAccount(a.providerAccountId, a.provider)).toMatchObject(a)
    expect(await ours.getSessionAndUser(session.sessionToken)).toEqual({ session, user: u })
    expect(await ours.useVerificationToken(token)).toEqual(token)
    const expires = inDays(40)
    expect(await ours.updateSession({ sessionToken: session.sessionToken, expires })).toEqual({
      ...session,
      expires,
    })
    expect(await ours.updateUser({ id: u.id, name: "Rear Admiral" })).toEqual({
      ...u,
      name: "Rear Admiral",
    })
    expect(await ours.deleteUser(u.id)).toEqual({ ...u, name: "Rear Admiral" })
    expect(await official.getUser(u.id)).toBeNull()
  })

  it("the official adapter reads everything we wrote", async () => {
    const u = await ours.createUser(user())
    const a = account(u.id)
    await ours.linkAccount(a)
    const session = { sessionToken: crypto.randomUUID(), userId: u.id, expires: inDays(30) }
    await ours.createSession(session)
    const token = { identifier: u.email, token: crypto.randomUUID(), expires: inDays(1) }
    await ours.createVerificationToken(token)

    expect(await official.getUser(u.id)).toEqual(u)
    expect(await official.getUserByEmail(u.email)).toEqual(u)
    expect(await official.getUserByAccount(a)).toEqual(u)
    expect(await official.getSessionAndUser(session.sessionToken)).toEqual({ session, user: u })
    expect(await official.useVerificationToken(token)).toEqual(token)
    expect(await official.deleteSession(session.sessionToken)).toEqual(session)
    expect(await ours.getSessionAndUser(session.sessionToken)).toBeNull()
    expect(await official.unlinkAccount(a)).toMatchObject(a)
    expect(await ours.getUserByAccount(a)).toBeNull()
  })

  it("the same input is stored as the same item", async () => {
    const input = user()
    const mine = await ours.createUser(input)
    const theirs = await official.createUser({ ...input, email: `x-${input.email}` })
    const stored = async (id: string) => raw.get({ pk: `USER#${id}`, sk: `USER#${id}` })
    const normalise = (item: Record<string, unknown> | undefined, id: string, email: string) =>
      JSON.parse(JSON.stringify(item).replaceAll(id, "<id>").replaceAll(email, "<email>"))
    expect(normalise(await stored(mine.id), mine.id, mine.email)).toEqual(
      normalise(await stored(theirs.id), theirs.id, theirs.email),
    )

    const session = (userId: string) => ({
      sessionToken: `s-${crypto.randomUUID()}`,
      userId,
      expires: inDays(3),
    })
    const s1 = session(mine.id)
    const s2 = { ...session(mine.id), expires: s1.expires }
    await ours.createSession(s1)
    await official.createSession(s2)
    const sessionItem = (s: { sessionToken: string }) =>
      raw.get({ pk: `USER#${mine.id}`, sk: `SESSION#${s.sessionToken}` })
    expect(normalise(await sessionItem(s1), s1.sessionToken, "-")).toEqual(
      normalise(await sessionItem(s2), s2.sessionToken, "-"),
    )
  })

  it("a user the official adapter deleted leaves a claim that does not block the email", async () => {
    const u = await ours.createUser(user())
    await official.deleteUser(u.id)
    const again = await ours.createUser({ ...user(), email: u.email })
    expect(await ours.getUserByEmail(u.email)).toEqual(again)
  })
})

describe("clients", () => {
  it("accepts a DynamoDBDocument without marshall options and a plain DynamoDBClient", async () => {
    const { DynamoDBDocument } = await import("@aws-sdk/lib-dynamodb")
    const plainDocument = DynamoDBAdapter(DynamoDBDocument.from(sdkClient(endpoint)), {
      tableName,
    }) as Full
    const low = DynamoDBAdapter(sdkClient(endpoint), { tableName }) as Full
    const created = await plainDocument.createUser(user())
    expect(await low.getUser(created.id)).toEqual(created)
    expect(await plainDocument.getUserByEmail(created.email)).toEqual(created)
  })
})
