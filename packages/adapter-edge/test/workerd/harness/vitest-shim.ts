/** What `import … from "vitest"` resolves to inside the workerd bundle. */
export { expect } from "./expect.js"
export { afterAll, afterEach, beforeAll, beforeEach, describe, it, test } from "./runner.js"
