/** The round-trip suite on workerd's own fetch. */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { createFetchTransport } from "../../src/transport.js"
import { localConfig } from "../suites/local-config.js"
import { defineRoundTripSuite } from "../suites/round-trip.js"

defineRoundTripSuite("workerd", () => createFetchTransport(localConfig(dynamodbEndpoint())))
