/** `onRequest` through Better Auth's handler (../suites/request-events.ts) inside workerd. */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { edgeTransport } from "../edge.js"
import { defineRequestEventsSuite } from "../suites/request-events.js"

defineRequestEventsSuite("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()))
