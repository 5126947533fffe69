/**
 * A full garbage collection before each CPU window, so garbage left by the
 * setup writes is not billed to the calls measured next. `gc` exists only
 * under `node --expose-gc`, which the `bench` script passes.
 */
const gc = (globalThis as { gc?: () => void }).gc

export function collectGarbage(): void {
  if (!gc) throw new Error("the bench needs `node --expose-gc` (run it with `pnpm bench`)")
  gc()
}
