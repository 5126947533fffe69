/** The credential suite inside workerd, against the Node-side echo server. */
import { defineCredentialSuite } from "../suites/credentials.js"
import { workerEnv } from "./harness/worker-env.js"

defineCredentialSuite("workerd", () => workerEnv().ECHO_ENDPOINT as string)
