/**
 * `pnpm build` (turbo's `build` task, which the tests depend on): the app and the Worker bundle,
 * through the same step as `start` and the tests' global setup (stack/build.ts), so that it
 * also keeps `next build`'s output where the tests read it and they do not build a second time.
 */
import { build } from "./stack/build"

await build((line) => console.log(`[example] ${line}`))
