/**
 * The Node half of the cross-runtime check, served on 127.0.0.1 for the tests
 * inside workerd: `POST /read-fixtures` with `{ table, userId }` reads that
 * table with adapter-node (AWS SDK, in Node) and answers 200, or 500 with the
 * assertion that failed.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { nodeAdapter } from "../node-sdk.js"
import { expectFixtures } from "../suites/cross-runtime.js"

export async function startNodeSide(
  dynamodbEndpoint: string,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    let body = ""
    for await (const chunk of request) body += chunk
    try {
      if (request.method !== "POST" || request.url !== "/read-fixtures") {
        throw new Error(`no route ${request.method} ${request.url}`)
      }
      const { table, userId } = JSON.parse(body) as { table: string; userId: string }
      await expectFixtures(nodeAdapter(dynamodbEndpoint, table), userId)
      response.writeHead(200).end("ok")
    } catch (error) {
      response.writeHead(500).end(error instanceof Error ? error.message : String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
