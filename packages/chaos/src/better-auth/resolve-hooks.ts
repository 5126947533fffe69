/**
 * A Node module resolve hook (cli.ts registers it before anything loads the adapter): the
 * adapter under test's import of `better-auth` resolves to this package's better-auth, so one
 * copy runs (see one-better-auth.ts).
 */
import type { ResolveHook } from "node:module"

const ADAPTER_SOURCE = new URL("../../../better-auth/src/", import.meta.url).href
const CHAOS = new URL("../../package.json", import.meta.url).href
const BETTER_AUTH = /^better-auth(\/|$)/

export const resolve: ResolveHook = (specifier, context, next) =>
  next(
    specifier,
    BETTER_AUTH.test(specifier) && context.parentURL?.startsWith(ADAPTER_SOURCE)
      ? { ...context, parentURL: CHAOS }
      : context,
  )
