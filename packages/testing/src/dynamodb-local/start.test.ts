import { spawn } from "node:child_process"
import { mkdtemp, rm } from "node:fs/promises"
import { connect, createServer } from "node:net"
import { networkInterfaces, tmpdir } from "node:os"
import { join } from "node:path"
import { setTimeout as sleep } from "node:timers/promises"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { RawDynamoDBError, rawRequest } from "../raw-request.js"
import { isLoopback, listeningAddresses } from "../test-support/listening-addresses.js"
import { type DynamoDBLocal, startDynamoDBLocal } from "./start.js"

const TABLE = {
  TableName: "start-test",
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "S" },
  ],
  KeySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
  BillingMode: "PAY_PER_REQUEST",
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 })
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
    socket.once("timeout", () => {
      socket.destroy()
      resolve(false)
    })
  })
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)))
  })
}

describe("startDynamoDBLocal (in memory)", () => {
  let db: DynamoDBLocal

  beforeAll(async () => {
    db = await startDynamoDBLocal()
  })
  afterAll(async () => {
    await db?.stop()
  })

  it("answers CreateTable, PutItem and GetItem over plain fetch", async () => {
    expect(db.endpoint).toBe(`http://127.0.0.1:${db.port}`)
    const created = await rawRequest(db.endpoint, "CreateTable", TABLE)
    expect(created.TableDescription.TableName).toBe("start-test")

    const item = { pk: { S: "USER#1" }, sk: { S: "USER#1" }, name: { S: "Ada" } }
    await rawRequest(db.endpoint, "PutItem", { TableName: "start-test", Item: item })
    const got = await rawRequest(db.endpoint, "GetItem", {
      TableName: "start-test",
      Key: { pk: item.pk, sk: item.sk },
      ConsistentRead: true,
    })
    expect(got.Item).toEqual(item)
  })

  it("reports DynamoDB's error type", async () => {
    const error = await rawRequest(db.endpoint, "GetItem", {
      TableName: "no-such-table",
      Key: { pk: { S: "x" } },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RawDynamoDBError)
    expect(error).toMatchObject({ status: 400, type: "ResourceNotFoundException" })
  })

  it("listens on loopback only", async () => {
    const addresses = await listeningAddresses(db.port)
    expect(addresses.length).toBeGreaterThan(0)
    expect(addresses.filter((address) => !isLoopback(address))).toEqual([])

    const external = Object.values(networkInterfaces())
      .flat()
      .filter((info) => info && !info.internal && info.family === "IPv4")
      .map((info) => info!.address)
    for (const address of external) {
      expect(await canConnect(address, db.port), address).toBe(false)
    }
    expect(await canConnect("127.0.0.1", db.port)).toBe(true)
  })
})

describe("startDynamoDBLocal lifecycle", () => {
  it("stop() ends the server and frees the port; a second stop() is harmless", async () => {
    const db = await startDynamoDBLocal()
    await db.stop()
    expect(await listeningAddresses(db.port)).toEqual([])
    expect(await canListen(db.port)).toBe(true)
    await expect(rawRequest(db.endpoint, "ListTables", {})).rejects.toThrow()
    await db.stop()
  })

  it("fails clearly when the requested port is taken", async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve))
    const address = blocker.address()
    const port = typeof address === "object" && address ? address.port : 0
    try {
      await expect(startDynamoDBLocal({ port })).rejects.toThrow(`port ${port} is in use`)
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })

  it("keeps a -dbPath database across restarts", async () => {
    const dbPath = await mkdtemp(join(tmpdir(), "dynamoauth-dbpath-"))
    try {
      const first = await startDynamoDBLocal({ dbPath })
      await rawRequest(first.endpoint, "CreateTable", TABLE)
      await rawRequest(first.endpoint, "PutItem", {
        TableName: "start-test",
        Item: { pk: { S: "kept" }, sk: { S: "kept" } },
      })
      await first.stop()

      const second = await startDynamoDBLocal({ dbPath })
      try {
        const got = await rawRequest(second.endpoint, "GetItem", {
          TableName: "start-test",
          Key: { pk: { S: "kept" }, sk: { S: "kept" } },
        })
        expect(got.Item).toEqual({ pk: { S: "kept" }, sk: { S: "kept" } })
      } finally {
        await second.stop()
      }
    } finally {
      await rm(dbPath, { recursive: true, force: true })
    }
  })
})

describe("startDynamoDBLocal outlives no parent", () => {
  const fixture = fileURLToPath(new URL("../test-support/start-and-wait.ts", import.meta.url))
  const children: ReturnType<typeof spawn>[] = []
  // A failed assertion must not leave a fixture running.
  afterAll(() => {
    for (const child of children) child.kill("SIGKILL")
  })

  /** Runs the fixture in a child Node process and resolves with the port it started on. */
  function startInChild(mode: "exit" | "wait") {
    const child = spawn(process.execPath, ["--import", "tsx", fixture, mode], {
      stdio: ["ignore", "pipe", "inherit"],
    })
    children.push(child)
    const port = new Promise<number>((resolve, reject) => {
      let out = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk
        if (out.includes("\n")) resolve(Number(out.trim()))
      })
      child.once("exit", (code) => reject(new Error(`fixture exited early with ${code}`)))
    })
    return { child, port }
  }

  async function portClosedWithin(port: number, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms
    while (Date.now() < deadline) {
      if ((await listeningAddresses(port)).length === 0) return true
      await sleep(100)
    }
    return false
  }

  it("kills DynamoDB Local when the Node process exits without stop()", async () => {
    const { port } = startInChild("exit")
    expect(await portClosedWithin(await port, 10_000)).toBe(true)
  })

  it("stops DynamoDB Local when the Node process is killed with SIGKILL", async () => {
    const { child, port } = startInChild("wait")
    const listening = await port
    expect(await listeningAddresses(listening)).not.toEqual([])
    child.kill("SIGKILL")
    expect(await portClosedWithin(listening, 10_000)).toBe(true)
  })
})
