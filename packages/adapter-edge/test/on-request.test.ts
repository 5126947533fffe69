/**
 * DynamoDBAdapter leaves request events out of the Worker (scripts/size.mjs
 * measures it without them); an `onRequest` given to it is refused with the
 * call that reports events, never silently dropped.
 */
import { expect, it } from "vitest"
import { DynamoDBAdapter } from "../src/index.js"
import { localConfig } from "./suites/local-config.js"

it("refuses onRequest, naming createAdapter over the fetch transport", () => {
  const call = () =>
    DynamoDBAdapter(localConfig("http://127.0.0.1:1"), {
      onRequest: () => {},
    } as Parameters<typeof DynamoDBAdapter>[1])
  expect(call).toThrow(
    expect.objectContaining({
      code: "INVALID_OPTION",
      message: expect.stringContaining(
        "createAdapter(createFetchTransport(config), { onRequest })",
      ),
    }),
  )
})
