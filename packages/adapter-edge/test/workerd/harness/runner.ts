/**
 * A minimal describe/it runner with vitest's names, so suites written for
 * vitest run unchanged inside workerd. Collection happens when the bundle's
 * modules load; `runAll` runs every test in order and returns one result per
 * test, which the Node side turns back into vitest tests.
 */

type Fn = () => unknown
interface TestCase {
  kind: "test"
  name: string
  fn: Fn
  timeoutMs: number
}
interface Suite {
  kind: "suite"
  name: string
  children: (Suite | TestCase)[]
  beforeAll: Fn[]
  afterAll: Fn[]
  beforeEach: Fn[]
  afterEach: Fn[]
}

export interface TestResult {
  name: string
  status: "pass" | "fail"
  durationMs: number
  error?: { name: string; message: string; stack?: string }
}

/** The test timeout vitest.shared.ts gives packages that talk to DynamoDB. */
const DEFAULT_TIMEOUT_MS = 30_000
/** And its hook timeout. */
const HOOK_TIMEOUT_MS = 60_000

const root: Suite = newSuite("")
let current = root

function newSuite(name: string): Suite {
  return {
    kind: "suite",
    name,
    children: [],
    beforeAll: [],
    afterAll: [],
    beforeEach: [],
    afterEach: [],
  }
}

export function describe(name: string, body: () => void): void {
  const suite = newSuite(name)
  current.children.push(suite)
  const parent = current
  current = suite
  try {
    const returned = body() as unknown
    if (returned instanceof Promise) throw new Error(`describe("${name}") must be synchronous`)
  } finally {
    current = parent
  }
}

export function it(name: string, fn: Fn, timeout?: number | { timeout?: number }): void {
  const timeoutMs = (typeof timeout === "number" ? timeout : timeout?.timeout) ?? DEFAULT_TIMEOUT_MS
  current.children.push({ kind: "test", name, fn, timeoutMs })
}
/**
 * vitest's `it.each(cases)(name, fn)`: array cases are spread into `fn`,
 * and `%s`/`%i`/`%d`/`%o`/`%j` in the name take the arguments in turn.
 */
it.each =
  <T>(cases: readonly T[]) =>
  (name: string, fn: (...args: any[]) => unknown, timeout?: number | { timeout?: number }) => {
    for (const testCase of cases) {
      const args = Array.isArray(testCase) ? testCase : [testCase]
      let next = 0
      const title = name.replace(/%[sidoj]/g, (spec) => {
        const value = args[next++]
        return spec === "%o" || spec === "%j" ? JSON.stringify(value) : String(value)
      })
      it(title, () => fn(...args), timeout)
    }
  }
export const test = it

export const beforeAll = (fn: Fn) => void current.beforeAll.push(fn)
export const afterAll = (fn: Fn) => void current.afterAll.push(fn)
export const beforeEach = (fn: Fn) => void current.beforeEach.push(fn)
export const afterEach = (fn: Fn) => void current.afterEach.push(fn)

function fullName(path: string[], name: string): string {
  return [...path, name].filter(Boolean).join(" > ")
}

/** The names of every collected test, in run order. */
export function listTests(): string[] {
  const names: string[] = []
  const walk = (suite: Suite, path: string[]) => {
    for (const child of suite.children) {
      if (child.kind === "test") names.push(fullName(path, child.name))
      else walk(child, [...path, child.name])
    }
  }
  walk(root, [])
  return names
}

async function withTimeout(fn: Fn, ms: number, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out in ${ms}ms`)), ms)
  })
  try {
    await Promise.race([Promise.resolve().then(fn), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function describeError(error: unknown): TestResult["error"] {
  if (error instanceof Error) {
    return {
      name: error.name,
      message: error.message,
      ...(error.stack ? { stack: error.stack } : {}),
    }
  }
  return { name: "Error", message: String(error) }
}

export interface RunReport {
  /** One result per test, in the order of {@link listTests}. */
  tests: TestResult[]
  /** afterAll hooks that failed (they belong to no single test). */
  hooks: TestResult[]
}

export async function runAll(): Promise<RunReport> {
  const report: RunReport = { tests: [], hooks: [] }
  await runSuite(root, [], [], [], report)
  return report
}

async function runSuite(
  suite: Suite,
  path: string[],
  eachBefore: Fn[],
  eachAfter: Fn[],
  report: RunReport,
): Promise<void> {
  const results = report.tests
  const before = [...eachBefore, ...suite.beforeEach]
  const after = [...suite.afterEach, ...eachAfter]
  let setupError: unknown
  try {
    for (const hook of suite.beforeAll) await withTimeout(hook, HOOK_TIMEOUT_MS, "beforeAll")
  } catch (error) {
    setupError = error
  }
  for (const child of suite.children) {
    if (child.kind === "suite") {
      if (setupError === undefined)
        await runSuite(child, [...path, child.name], before, after, report)
      else failAll(child, [...path, child.name], setupError, results)
      continue
    }
    const name = fullName(path, child.name)
    if (setupError !== undefined) {
      results.push({ name, status: "fail", durationMs: 0, error: describeError(setupError) })
      continue
    }
    const started = Date.now()
    try {
      for (const hook of before) await withTimeout(hook, HOOK_TIMEOUT_MS, "beforeEach")
      await withTimeout(child.fn, child.timeoutMs, "test")
      for (const hook of after) await withTimeout(hook, HOOK_TIMEOUT_MS, "afterEach")
      results.push({ name, status: "pass", durationMs: Date.now() - started })
    } catch (error) {
      results.push({
        name,
        status: "fail",
        durationMs: Date.now() - started,
        error: describeError(error),
      })
    }
  }
  for (const hook of suite.afterAll) {
    try {
      await withTimeout(hook, HOOK_TIMEOUT_MS, "afterAll")
    } catch (error) {
      const name = fullName(path, "afterAll")
      report.hooks.push({ name, status: "fail", durationMs: 0, error: describeError(error) })
    }
  }
}

function failAll(suite: Suite, path: string[], error: unknown, results: TestResult[]) {
  for (const child of suite.children) {
    if (child.kind === "suite") failAll(child, [...path, child.name], error, results)
    else
      results.push({
        name: fullName(path, child.name),
        status: "fail",
        durationMs: 0,
        error: describeError(error),
      })
  }
}
