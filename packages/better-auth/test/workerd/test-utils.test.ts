/**
 * Better Auth's own adapter suites (../suites/test-utils.ts) inside workerd, on the edge transport
 * with default key names (the Node run covers custom ones).
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { edgeTransport } from "../edge.js"
import { runBetterAuthSuites } from "../suites/test-utils.js"

await runBetterAuthSuites("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()))
