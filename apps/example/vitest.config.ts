import { BaseSequencer, type TestSpecification } from "vitest/node"
import { packageTestConfig } from "../../vitest.shared.ts"

/**
 * start-command.test.ts last: it stops the global setup's `start` command, which serves every
 * other file, and starts it again.
 */
class StartCommandLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const last = (file: TestSpecification) => file.moduleId.endsWith("/start-command.test.ts")
    return [...sorted.filter((f) => !last(f)), ...sorted.filter(last)]
  }
}

// One stack (the package's `start` command: DynamoDB Local, the Worker, the built app) serves
// every browser test; files run one after another because they share it and the machine has two
// cores.
export default packageTestConfig(
  {},
  {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    fileParallelism: false,
    sequence: { sequencer: StartCommandLast },
    testTimeout: 90_000,
    // The first run builds the app (next build) inside the global setup.
    hookTimeout: 600_000,
  },
)
