/**
 * A full garbage collection before each CPU window, so garbage left by the
 * setup writes is not billed to the calls measured next. `gc` is only exposed
 * by a V8 flag; setting it at run time keeps `pnpm bench` a plain tsx call.
 */
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

export function collectGarbage(): void {
  gc()
}
