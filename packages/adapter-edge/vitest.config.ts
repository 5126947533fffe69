/** "node" (on Node's fetch) and "workerd" projects: see nodeAndWorkerdConfig. */
import { nodeAndWorkerdConfig } from "../../vitest.shared.ts"

export default nodeAndWorkerdConfig()
