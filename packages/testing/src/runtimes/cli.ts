/**
 * Prints `{ "<key>": "<path of its binary>", … }` for the runtimes named on the command line
 * (all of them without arguments), fetching the missing ones first. For fetching runtimes ahead (the
 * tests fetch what they need on first use: see matrix.ts, runtime-tests).
 *
 *   node --import tsx packages/testing/src/runtimes/cli.ts node22 node24
 */
import { ensureRuntime, RUNTIMES, type RuntimeKey } from "./index.js"

const keys = process.argv.slice(2)
for (const key of keys) {
  if (!(key in RUNTIMES)) {
    console.error(`runtimes: unknown runtime ${key} (known: ${Object.keys(RUNTIMES).join(", ")})`)
    process.exit(2)
  }
}
const wanted = (keys.length ? keys : Object.keys(RUNTIMES)) as RuntimeKey[]
const paths = await Promise.all(wanted.map(ensureRuntime))
console.log(JSON.stringify(Object.fromEntries(wanted.map((key, i) => [key, paths[i]]))))
