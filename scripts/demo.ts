/**
 * A short walk through the adapter against a DynamoDB Local on loopback:
 * create the table, sign up by email, sign in, check the session, sign out.
 * Run with `pnpm start` (until the example app takes over that command).
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { createTableInput, timeToLiveInput } from "@dynamoauth/core"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"

// The SDK warns about Node 20 on every client; nothing the demo shows depends on it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true"

const step = (text: string) => console.log(`\n→ ${text}`)
const show = (label: string, value: unknown) => console.log(`  ${label}:`, value)

const db = await startDynamoDBLocal()
try {
  console.log(`DynamoDB Local is listening on ${db.endpoint} (in memory, loopback only)`)
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "demo", secretAccessKey: "demo" },
  })
  step("create the table next-auth (pk/sk, index GSI1, TTL on expires)")
  await client.send(new CreateTableCommand(createTableInput()))
  await client.send(new UpdateTimeToLiveCommand(timeToLiveInput()))
  const a = DynamoDBAdapter(DynamoDBDocument.from(client))

  const email = "ada@example.com"
  step(`sign-up by email: Auth.js stores a verification token for ${email}`)
  const token = {
    identifier: email,
    token: crypto.randomUUID(),
    expires: new Date(Date.now() + 86_400_000),
  }
  await a.createVerificationToken(token)
  step("the user clicks the link: the token is used (once)")
  show(
    "useVerificationToken",
    (await a.useVerificationToken(token)) ? "found and deleted" : "missing",
  )
  show("using it again", await a.useVerificationToken(token))
  step("no user with this email yet, so one is created")
  show("getUserByEmail", await a.getUserByEmail(email))
  const user = await a.createUser({ id: "", email, emailVerified: new Date(), name: "Ada" })
  show("createUser", user)
  step("sign-in: a database session is created")
  const session = await a.createSession({
    sessionToken: crypto.randomUUID(),
    userId: user.id,
    expires: new Date(Date.now() + 30 * 86_400_000),
  })
  show("session expires", session.expires.toISOString())
  step("every request checks the session (one BatchGetItem once the token is known)")
  const found = await a.getSessionAndUser(session.sessionToken)
  show("signed in as", found?.user.email)
  step("sign-out: the session is deleted")
  await a.deleteSession(session.sessionToken)
  show("session check after sign-out", await a.getSessionAndUser(session.sessionToken))
  console.log("\nDone. Everything above ran against a real DynamoDB (AWS's DynamoDB Local).")
} finally {
  await db.stop()
}
