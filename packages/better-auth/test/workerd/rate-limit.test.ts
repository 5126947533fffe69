/** Better Auth's rate limiter with database and secondary storage (../suites/rate-limit.ts) inside workerd. */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { edgeTransport } from "../edge.js"
import { defineRateLimitSuite } from "../suites/rate-limit.js"

defineRateLimitSuite("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()))
