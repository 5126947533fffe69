/**
 * The packed @dynamoauth/better-auth (`pnpm pack`, publishConfig applied) against the lowest
 * better-auth its peer range (`^1.7.5`) allows and the newest (1.7.29, which made `consumeOne`
 * and `incrementOne` optional again and added `modelKey`). Each version gets a scratch app,
 * installed by pnpm once per build (cachedConsumer: offline from the store once it holds the
 * packages), that runs packages/better-auth's Node tests of Better Auth's own adapter suites
 * (@better-auth/test-utils) and of its handler flows, on the transports VERSIONS names, importing
 * the adapter from the tarball, against this run's DynamoDB Local.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { cachedConsumer, packedTarballs, runConsumerTests } from "@dynamoauth/testing/packed"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll, describe, expect, it } from "vitest"
import { suiteFiles } from "./suite-files.js"

/** packages/better-auth/test/transports.ts's labels. */
const AWS_SDK = "node (AWS SDK)"
const AWS4FETCH = "edge (aws4fetch)"
/**
 * The lowest and the newest release of the adapter's peer range, and the transports each runs
 * on. 1.7.5 is the version packages/better-auth pins: its workerd project already runs these
 * suites and flows on aws4fetch from source, so the packed run here takes the AWS SDK only
 * (README).
 */
const VERSIONS: { version: string; transports: string[] }[] = [
  { version: "1.7.5", transports: [AWS_SDK] },
  { version: "1.7.29", transports: [AWS_SDK, AWS4FETCH] },
]
/** packages/better-auth's Node tests run in each app (with what they import). */
const ENTRIES = ["test-utils.test.ts", "handler.test.ts"]
/**
 * What those tests counted per transport when this was written (Better Auth's suites and the
 * handler flows): fewer means some did not run.
 */
const EXPECTED_TESTS_PER_TRANSPORT = 352

const repo = join(import.meta.dirname, "../../..")
const devDependencies = (dir: string) =>
  JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")).devDependencies
const pins = devDependencies("packages/better-auth")
const SHARED = {
  // Its newest release; its peer range takes every 1.7 release of better-auth.
  "@better-auth/test-utils": pins["@better-auth/test-utils"],
  "@aws-sdk/client-dynamodb": pins["@aws-sdk/client-dynamodb"],
  vitest: pins.vitest,
}
const PACKAGES = [
  "@dynamoauth/better-auth",
  "@dynamoauth/core",
  "@dynamoauth/adapter-node",
  "@dynamoauth/adapter-edge",
]
const NODE_MAJOR = process.versions.node.split(".")[0]

const cache = mkdtempSync(join(tmpdir(), "dynamoauth-better-auth-versions-"))
afterAll(() => rmSync(cache, { recursive: true, force: true }))

describe.each(VERSIONS)("better-auth $version", ({ version, transports }) => {
  it(`passes Better Auth's adapter suites and the handler flows on the packed adapter (${transports.join(", ")})`, async () => {
    const app = await cachedConsumer({
      installer: "pnpm",
      tarballs: await packedTarballs(PACKAGES),
      // @better-auth/core is a peer of test-utils: the same release as better-auth's own.
      dependencies: { "better-auth": version, "@better-auth/core": version, ...SHARED },
      files: {
        ...suiteFiles(ENTRIES),
        "vitest.config.ts": readFileSync(
          join(import.meta.dirname, "../consumer/vitest.config.ts"),
          "utf8",
        ),
      },
    })
    const installed = (name: string) =>
      JSON.parse(readFileSync(join(app.dir, "node_modules", name, "package.json"), "utf8"))
    expect(installed("better-auth").version).toBe(version)
    // The tarball's manifest: publishConfig applied, so the app imports dist/, not src/.
    expect(installed("@dynamoauth/better-auth").exports["."].default).toBe("./dist/index.js")

    const report = join(
      import.meta.dirname,
      `../.test-results/vitest-node${NODE_MAJOR}-better-auth-${version}.json`,
    )
    rmSync(report, { force: true })
    const run = await runConsumerTests(app.dir, {
      DYNAMOAUTH_DYNAMODB_ENDPOINT: dynamodbEndpoint(),
      DYNAMOAUTH_REPORT: report,
      DYNAMOAUTH_VITE_CACHE: join(cache, version),
      DYNAMOAUTH_TRANSPORTS: transports.join(","),
    }).then(
      () => "",
      (error: Error) => error.message,
    )
    const results = JSON.parse(readFileSync(report, "utf8"))
    const failed = results.testResults.flatMap((file: { assertionResults: any[] }) =>
      file.assertionResults
        .filter((t) => t.status !== "passed")
        .map((t) => `${t.status}: ${t.fullName}`),
    )
    expect(failed).toEqual([])
    expect(run).toBe("")
    expect(results.numPassedTests).toBe(results.numTotalTests)
    expect(results.numPassedTests).toBeGreaterThanOrEqual(
      EXPECTED_TESTS_PER_TRANSPORT * transports.length,
    )
    // Each asked-for transport ran, and no other.
    const ran = (label: string) =>
      results.testResults.some((file: { assertionResults: { fullName: string }[] }) =>
        file.assertionResults.some((t) => t.fullName.includes(label)),
      )
    expect([AWS_SDK, AWS4FETCH].filter(ran)).toEqual(transports)
  })
})
