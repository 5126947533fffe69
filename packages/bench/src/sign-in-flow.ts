/**
 * The email sign-in of one new user, end to end, as Auth.js drives the
 * adapter: the magic link, the new user, the session, twenty page views, a
 * session extension and the sign-out.
 */
import type { FaultProxy } from "@dynamoauth/testing/fault-proxy"
import { inDays, newSession, newToken, newUser } from "@dynamoauth/testing/fixtures"
import type { FlowResult, RequestCounts, TargetName } from "./results.js"
import { median } from "./stats.js"
import type { FullAdapter, Target } from "./targets.js"

export const SESSION_CHECKS = 20

export interface FlowVariant {
  name: string
  /** The adapter instance for the next step. */
  instance(target: Target, shared: FullAdapter): FullAdapter
}

export const FLOW_VARIANTS: readonly FlowVariant[] = [
  { name: "one instance", instance: (_target, shared) => shared },
  { name: "new instance per request", instance: (target) => target.make() },
]

async function signIn(target: Target, variant: FlowVariant): Promise<void> {
  const shared = target.make()
  const a = () => variant.instance(target, shared)
  const user = newUser()
  const token = await a().createVerificationToken(newToken(user.email))
  if (!(await a().useVerificationToken({ identifier: user.email, token: token!.token }))) {
    throw new Error(`${target.name}: the verification token was not found`)
  }
  if ((await a().getUserByEmail(user.email)) !== null) throw new Error("the email is taken")
  const created = await a().createUser({ ...user, emailVerified: new Date() })
  const session = await a().createSession(newSession(created.id))
  for (let i = 0; i < SESSION_CHECKS; i++) {
    if (!(await a().getSessionAndUser(session.sessionToken))) {
      throw new Error(`${target.name}: session check ${i + 1} found no session`)
    }
  }
  await a().updateSession({ sessionToken: session.sessionToken, expires: inDays(31) })
  await a().deleteSession(session.sessionToken)
}

export async function measureFlow(
  variant: FlowVariant,
  targets: readonly Target[],
  proxy: FaultProxy,
  delayMs: number,
  runs: number,
): Promise<FlowResult> {
  const samples = new Map<TargetName, { ms: number[]; requests: RequestCounts }>()
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? targets : [...targets].reverse()
    for (const target of order) {
      proxy.resetCounts()
      proxy.setDelay(delayMs)
      const started = performance.now()
      await signIn(target, variant)
      const elapsed = performance.now() - started
      proxy.setDelay(0)
      const sample = samples.get(target.name) ?? { ms: [], requests: proxy.counts() }
      sample.ms.push(elapsed)
      samples.set(target.name, sample)
    }
  }
  const figure = (name: TargetName) => {
    const sample = samples.get(name)!
    return { requests: sample.requests, medianMs: median(sample.ms) }
  }
  return {
    name: variant.name,
    figures: { official: figure("official"), node: figure("node"), edge: figure("edge") },
  }
}
