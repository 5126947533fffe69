import { afterAll } from "vitest"
import { startEchoServer } from "./echo-server.js"
import { defineCredentialSuite } from "./suites/credentials.js"

const echo = await startEchoServer()
afterAll(() => echo.close())

defineCredentialSuite("node fetch", () => echo.endpoint)
