import { packageTestConfig } from "../../vitest.shared.ts"

// Only the report renderer is tested; the bench itself is slow and runs by `pnpm bench`.
export default packageTestConfig()
