/** The round-trip suite on workerd's own fetch. */
import { createFetchTransport } from "../../src/transport.js"
import { localConfig } from "../suites/local-config.js"
import { defineRoundTripSuite } from "../suites/round-trip.js"
import { workerEnv } from "./harness/worker-env.js"

defineRoundTripSuite("workerd", () =>
  createFetchTransport(localConfig(workerEnv().DYNAMODB_ENDPOINT)),
)
