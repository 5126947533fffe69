/** The passkey plugin's model and endpoints (../suites/passkey.ts) inside workerd. */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { edgeTransport } from "../edge.js"
import { definePasskeySuite } from "../suites/passkey.js"

definePasskeySuite("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()))
