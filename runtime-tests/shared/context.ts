/**
 * What run.ts hands each runtime's test run (through vitest's `provide`), and the installed
 * packages. Web APIs only: this runs in every runtime of the matrix.
 */
import { inject } from "vitest"
import { type InstalledName, slug } from "./installed.js"

declare module "vitest" {
  export interface ProvidedContext {
    /** The scratch app with the packed packages installed (see consumer.ts). */
    consumerDir: string
    /** Fault proxies in front of DynamoDB Local (run on the machine's Node), one per adapter. */
    proxyForAdapterNode: string
    proxyForAdapterEdge: string
  }
}

/** The packages as installed in the scratch app: `import(name)` from there, not the workspace. */
export async function installed<T>(name: InstalledName): Promise<T> {
  return (await import(
    /* @vite-ignore */ `${inject("consumerDir")}/entries/${slug(name)}.mjs`
  )) as T
}

export const proxyEndpoint = (adapter: "adapter-node" | "adapter-edge") =>
  inject(adapter === "adapter-node" ? "proxyForAdapterNode" : "proxyForAdapterEdge")
