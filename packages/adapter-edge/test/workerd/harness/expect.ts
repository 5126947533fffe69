/**
 * vitest's `expect` for the workerd bundle: chai with @vitest/expect's Jest
 * matchers, set up the way vitest sets up its own, minus snapshots and
 * per-test state, which the suites run here do not use.
 */
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  customMatchers,
  GLOBAL_EXPECT,
  getState,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
} from "@vitest/expect"
import * as chai from "chai"

chai.use(JestExtend)
chai.use(JestChaiExpect)
chai.use(JestAsymmetricMatchers)

function createExpect(): any {
  const expect: any = (value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect)
    setState({ assertionCalls: assertionCalls + 1 }, expect)
    return chai.expect(value, message)
  }
  Object.assign(expect, chai.expect)
  Object.assign(expect, (globalThis as any)[ASYMMETRIC_MATCHERS_OBJECT])
  expect.getState = () => getState(expect)
  expect.setState = (state: object) => setState(state, expect)
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
    },
    expect,
  )
  expect.extend = (matchers: object) => (chai.expect as any).extend(expect, matchers)
  expect.unreachable = (message?: string) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : " "}not to be reached`)
  }
  expect.extend(customMatchers)
  return expect
}

export const expect = createExpect()
Object.defineProperty(globalThis, GLOBAL_EXPECT, {
  value: expect,
  writable: true,
  configurable: true,
})
