/** `@auth/express` mounted on an Express 5 app, served on 127.0.0.1. */
import type { AddressInfo } from "node:net"
import { ExpressAuth } from "@auth/express"
import express from "express"
import { emailProvider, sessionWithUserId, testSecret } from "./support/flow.js"
import { emailFlowSuite } from "./support/suite.js"

emailFlowSuite("@auth/express", async (adapter, mailbox) => {
  const app = express()
  app.set("trust proxy", true)
  app.use(
    "/auth",
    ExpressAuth({
      adapter,
      providers: [emailProvider(mailbox)],
      session: { strategy: "database" },
      secret: testSecret(),
      trustHost: true,
      callbacks: { session: sessionWithUserId },
    }),
  )
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening))
  })
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`,
    send: (request) => fetch(request),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
})
