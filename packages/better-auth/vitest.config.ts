/** "node" (on both transports) and "workerd" projects: see nodeAndWorkerdConfig. */
import { nodeAndWorkerdConfig } from "../../vitest.shared.ts"

export default nodeAndWorkerdConfig()
