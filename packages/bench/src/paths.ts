/** Where things are in the checkout. */
import { fileURLToPath } from "node:url"

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url))
export const benchDir = fileURLToPath(new URL("../", import.meta.url))
export const edgeDir = fileURLToPath(new URL("../../adapter-edge/", import.meta.url))
export const migrateDir = fileURLToPath(new URL("../../migrate/", import.meta.url))
/** Scratch files (bundles, child scripts): inside node_modules, so bare imports resolve and git ignores them. */
export const scratchDir = fileURLToPath(new URL("../node_modules/.cache/bench/", import.meta.url))
