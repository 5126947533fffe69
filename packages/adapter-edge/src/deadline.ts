/**
 * One attempt's abort signal: fires when the caller aborts or when the
 * attempt's time runs out, and remembers which, so the error can say so.
 * Built by hand rather than with AbortSignal.any/timeout, which not every
 * edge runtime has.
 */
export interface Deadline {
  signal: AbortSignal
  /** True when the time limit (not the caller) aborted the attempt. */
  readonly timedOut: boolean
  dispose(): void
}

export function startDeadline(timeoutMs: number, caller: AbortSignal | undefined): Deadline {
  const controller = new AbortController()
  const onCallerAbort = () => controller.abort(caller?.reason)
  if (caller?.aborted) onCallerAbort()
  else caller?.addEventListener("abort", onCallerAbort, { once: true })
  const timer = setTimeout(() => {
    deadline.timedOut = true
    // The reason is never read: the transport sees `timedOut` and says so itself.
    controller.abort()
  }, timeoutMs)
  const deadline = {
    signal: controller.signal,
    timedOut: false,
    dispose() {
      clearTimeout(timer)
      caller?.removeEventListener("abort", onCallerAbort)
    },
  }
  return deadline
}

/**
 * Waits `ms` unless the caller aborts first. Resolves true when the time
 * passed, false when the caller aborted (never rejects).
 */
export async function wait(ms: number, caller: AbortSignal | undefined): Promise<boolean> {
  const deadline = startDeadline(ms, caller)
  if (!deadline.signal.aborted) {
    await new Promise((resolve) =>
      deadline.signal.addEventListener("abort", resolve, { once: true }),
    )
  }
  deadline.dispose()
  return deadline.timedOut
}
