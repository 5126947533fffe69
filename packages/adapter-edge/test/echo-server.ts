/** A loopback server that echoes the signed request into its errors (see suites/credentials.ts). */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { ECHO_CREDENTIALS } from "./suites/credentials.js"

export async function startEchoServer(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const echo = JSON.stringify(request.headers)
    if (request.url === "/reset") return request.socket.destroy()
    if (request.url === "/html") {
      response.writeHead(502, { "content-type": "text/html" })
      return response.end(`<html>${echo}</html>`)
    }
    response.writeHead(400, { "content-type": "application/x-amz-json-1.0" })
    response.end(
      JSON.stringify({
        __type: "com.amazon.coral.service#InvalidSignatureException",
        message: `Signature mismatch for ${request.headers.authorization} ${ECHO_CREDENTIALS.secretAccessKey}. The Canonical String for this request should have been 'POST\n/\n${echo}'`,
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
