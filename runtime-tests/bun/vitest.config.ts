import { runtimeTestConfig } from "../shared/config.ts"

export default runtimeTestConfig("bun")
