/** "node" (on both transports) and "workerd" projects: see nodeAndWorkerdConfig. */
import { nodeAndWorkerdConfig } from "../../vitest.shared.ts"

export default nodeAndWorkerdConfig({
  // Better Auth's own adapter suites and the handler flows on Node run in
  // packages/better-auth-versions instead: on the packed adapter, once with the lowest
  // better-auth the peer range allows (the version pinned here) and once with the newest. Run
  // here too, the first would repeat them on the same version (about 90 s). workerd runs them
  // from source (test/workerd/).
  nodeExclude: ["test/test-utils.test.ts", "test/handler.test.ts"],
})
