/** Runs the bundled Worker in workerd through miniflare on 127.0.0.1. */
import { join } from "node:path"
import { Miniflare } from "miniflare"
import { APP_DIR } from "./paths"

export interface WorkerServer {
  url: string
  stop(): Promise<void>
}

export async function startWorker(options: {
  port: number
  bindings: Record<string, string>
}): Promise<WorkerServer> {
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(APP_DIR, "worker/dist/worker.js"),
    compatibilityDate: "2026-04-01",
    bindings: options.bindings,
    host: "127.0.0.1",
    port: options.port,
  })
  const url = await mf.ready
  return { url: url.origin, stop: () => mf.dispose() }
}
