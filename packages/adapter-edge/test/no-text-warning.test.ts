/**
 * workerd logs "Called .text() on an HTTP body which does not appear to be
 * text" when a Worker reads an application/x-amz-json-1.0 body with
 * `.text()`; the transport must not. The warning only shows with a warning
 * handler (workerd's --verbose), so this runs its own workerd through
 * miniflare with `verbose: true` and reads what it prints.
 */
import type { Readable } from "node:stream"
import { fileURLToPath } from "node:url"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { Miniflare } from "miniflare"
import { expect, it } from "vitest"
import { bundleWorker } from "../scripts/bundle-worker.mjs"

const transport = JSON.stringify(fileURLToPath(new URL("../src/transport.ts", import.meta.url)))
const WARNING = "Called .text() on an HTTP body which does not appear to be text"

/** Runs `body` as a Worker's fetch handler once and returns what workerd printed. */
async function workerdOutput(body: string): Promise<string> {
  const source = `import { createFetchTransport } from ${transport}
export default { async fetch(request, env) {
  const config = { region: "us-east-1", endpoint: env.ENDPOINT, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
  ${body}
} }`
  const { code } = await bundleWorker(source, fileURLToPath(new URL(".", import.meta.url)))
  let output = ""
  const mf = new Miniflare({
    modules: true,
    script: new TextDecoder().decode(code),
    compatibilityDate: "2026-07-01",
    bindings: { ENDPOINT: dynamodbEndpoint() },
    verbose: true,
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      stdout.on("data", (chunk: Buffer) => (output += chunk))
      stderr.on("data", (chunk: Buffer) => (output += chunk))
    },
  })
  try {
    const response = await mf.dispatchFetch("http://worker.test/")
    expect(response.status, await response.text()).toBe(200)
    // workerd prints asynchronously; a request after it flushes what the first one logged.
    await mf.dispatchFetch("http://worker.test/")
  } finally {
    await mf.dispose()
  }
  return output
}

it("workerd prints the warning when a Worker calls .text() on a DynamoDB response (the check can fail)", async () => {
  const output = await workerdOutput(`
    const response = await fetch(env.ENDPOINT, { method: "POST", headers: { "content-type": "application/x-amz-json-1.0" }, body: "{}" })
    await response.text()
    return new Response("ok")`)
  expect(output).toContain(WARNING)
})

it("the transport reads DynamoDB's answers without the warning", async () => {
  const output = await workerdOutput(`
    const answer = await createFetchTransport(config).send("ListTables", {})
    if (!Array.isArray(answer.TableNames)) throw new Error("no TableNames")
    return new Response("ok")`)
  expect(output).not.toContain(WARNING)
})
