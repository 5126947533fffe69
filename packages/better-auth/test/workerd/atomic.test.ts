/** consumeOne and incrementOne under 20 concurrent callers (../suites/atomic.ts) inside workerd. */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { edgeTransport } from "../edge.js"
import { defineAtomicSuite } from "../suites/atomic.js"

defineAtomicSuite("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()))
