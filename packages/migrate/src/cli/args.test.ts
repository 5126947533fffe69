import { describe, expect, it } from "vitest"
import { parseCommand, UsageError } from "./args.js"

describe("parseCommand", () => {
  it("reads migrate flags into options, with a checkpoint by default for run", () => {
    const command = parseCommand([
      "migrate",
      "run",
      "--table",
      "t1",
      "--segment",
      "1,3",
      "--segment",
      "5",
      "--total-segments",
      "8",
      "--max-rps",
      "50",
      "--drop-legacy",
      "--claims",
    ])
    expect(command).toMatchObject({
      name: "migrate",
      sub: "run",
      table: { tableName: "t1" },
      segments: [1, 3, 5],
      totalSegments: 8,
      maxRps: 50,
      dropLegacy: true,
      claims: true,
      checkpoint: ".dynamoauth-t1-s1_3_5.checkpoint.json",
    })
    expect(parseCommand(["migrate", "plan"])).not.toHaveProperty("checkpoint")
    expect(parseCommand(["migrate", "plan"])).toMatchObject({ claims: false })
    expect(parseCommand(["migrate", "run", "--no-checkpoint"])).not.toHaveProperty("checkpoint")
  })

  it("reads --to better-auth and --sessions, and refuses what does not go with them", () => {
    expect(
      parseCommand([
        "migrate",
        "run",
        "--table",
        "t1",
        "--to",
        "better-auth",
        "--sessions",
        "drop",
      ]),
    ).toMatchObject({
      to: "better-auth",
      sessions: "drop",
      checkpoint: ".dynamoauth-t1-better-auth.checkpoint.json",
    })
    expect(() => parseCommand(["migrate", "run", "--to", "lucia"])).toThrow(UsageError)
    expect(() => parseCommand(["migrate", "run", "--sessions", "keep"])).toThrow(UsageError)
    expect(() =>
      parseCommand(["migrate", "run", "--to", "better-auth", "--sessions", "maybe"]),
    ).toThrow(UsageError)
    expect(() => parseCommand(["migrate", "run", "--to", "better-auth", "--claims"])).toThrow(
      UsageError,
    )
  })

  it("maps every table option", () => {
    const command = parseCommand([
      "doctor",
      "--table",
      "a-b",
      "--partition-key",
      "PK",
      "--sort-key",
      "SK",
      "--index-name",
      "I",
      "--index-partition-key",
      "IPK",
      "--index-sort-key",
      "ISK",
    ])
    expect(command).toMatchObject({
      table: {
        tableName: "a-b",
        partitionKey: "PK",
        sortKey: "SK",
        indexName: "I",
        indexPartitionKey: "IPK",
        indexSortKey: "ISK",
      },
    })
  })

  it("rejects what it does not understand", () => {
    for (const argv of [
      ["nope"],
      ["migrate", "go"],
      ["migrate", "run", "--page-size", "0"],
      ["migrate", "run", "--segment", "x"],
      ["doctor", "--bogus"],
      ["migrate", "run", "--checkpoint", "a", "--no-checkpoint"],
    ]) {
      expect(() => parseCommand(argv)).toThrow(UsageError)
    }
  })

  it("answers help everywhere", () => {
    expect(parseCommand([])).toEqual({ name: "help", topic: "main" })
    expect(parseCommand(["init", "-h"])).toEqual({ name: "help", topic: "init" })
    expect(parseCommand(["migrate", "verify", "--help"])).toEqual({
      name: "help",
      topic: "migrate",
    })
  })
})
