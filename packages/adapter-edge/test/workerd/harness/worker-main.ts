/**
 * The fetch handler of a test worker: `GET /list` returns the collected test
 * names, `POST /run` runs them all and returns a {@link RunReport}.
 *
 * Test modules are loaded on the first request, not at startup: workerd
 * forbids random values and timers in global scope, and suites pick random
 * table names while they are collected.
 */
import { listTests, runAll } from "./runner.js"
import { setWorkerEnv, type WorkerEnv } from "./worker-env.js"

export function createTestWorker(loadTests: () => Promise<unknown>) {
  let loaded: Promise<unknown> | undefined
  return {
    async fetch(request: Request, env: WorkerEnv): Promise<Response> {
      setWorkerEnv(env)
      loaded ??= loadTests()
      await loaded
      const { pathname } = new URL(request.url)
      if (pathname === "/list") return Response.json(listTests())
      if (pathname === "/run" && request.method === "POST") return Response.json(await runAll())
      return new Response("not found", { status: 404 })
    },
  }
}
