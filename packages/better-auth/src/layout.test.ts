import { passkey } from "@better-auth/passkey"
import { getAuthTables } from "better-auth/db"
import { describe, expect, it } from "vitest"
import { DEFAULT_MODELS } from "./layout.js"
import { readSchema } from "./schema.js"

// How the layout builds items is tested in core (better-auth-layout/items.test.ts), where it lives.
describe("layout", () => {
  it("DEFAULT_MODELS is what Better Auth's own schema (with the passkey plugin) gives", () => {
    const schema = readSchema(getAuthTables({ plugins: [passkey()] }) as never)
    for (const [name, info] of Object.entries(DEFAULT_MODELS)) {
      expect(schema.get(name)).toEqual(info)
    }
  })
})
