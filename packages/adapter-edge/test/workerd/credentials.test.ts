/** The credential suite inside workerd, against the Node-side echo server. */
import { inject } from "vitest"
import { defineCredentialSuite } from "../suites/credentials.js"
import "./provided.js"

defineCredentialSuite("workerd", () => inject("echoEndpoint"))
