/** Sign-in flows through Better Auth's real handler (../suites/handler.ts) inside workerd. */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { edgeTransport } from "../edge.js"
import { defineHandlerSuite } from "../suites/handler.js"

defineHandlerSuite("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()))
