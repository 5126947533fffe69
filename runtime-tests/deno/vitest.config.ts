import { runtimeTestConfig } from "../shared/config.ts"

export default runtimeTestConfig("deno")
