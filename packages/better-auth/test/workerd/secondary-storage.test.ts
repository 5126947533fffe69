/** `dynamoAuthSecondaryStorage` (../suites/secondary-storage.ts) inside workerd. */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { edgeTransport } from "../edge.js"
import { defineSecondaryStorageSuite } from "../suites/secondary-storage.js"

defineSecondaryStorageSuite("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()))
