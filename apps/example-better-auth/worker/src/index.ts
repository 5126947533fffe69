/**
 * Better Auth's handler inside a Cloudflare Worker, on the same table as the Node server,
 * through the edge transport (aws4fetch over the Worker's fetch; no AWS SDK). Same secret, so
 * a session cookie set by either server is good on the other. Runs with `nodejs_compat`:
 * Better Auth imports `node:async_hooks`.
 */
import { createFetchTransport } from "@dynamoauth/adapter-edge"
import { createApp } from "../../src/app"

export interface Env {
  DYNAMOAUTH_TABLE: string
  DYNAMODB_ENDPOINT: string
  AWS_REGION: string
  AWS_ACCESS_KEY_ID: string
  AWS_SECRET_ACCESS_KEY: string
  AUTH_SECRET: string
  /** The Worker's own public origin (Better Auth's baseURL). */
  BASE_URL: string
  /** The Node server: the page links to it, and codes go to its dev inbox. */
  NODE_URL: string
}

// One Better Auth per isolate: the bindings do not change between requests.
let app: ReturnType<typeof createApp> | undefined

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    app ??= createApp(
      {
        transport: createFetchTransport({
          endpoint: env.DYNAMODB_ENDPOINT,
          region: env.AWS_REGION,
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          },
        }),
        tableName: env.DYNAMOAUTH_TABLE,
        secret: env.AUTH_SECRET,
        baseURL: env.BASE_URL,
        sendCode: async (message) => {
          const response = await fetch(`${env.NODE_URL}/dev/inbox`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(message),
          })
          if (!response.ok) throw new Error(`The dev inbox refused the code (${response.status})`)
        },
      },
      {
        runtime: "a Cloudflare Worker (workerd)",
        other: { runtime: "the Node server", url: env.NODE_URL },
        inboxUrl: `${env.NODE_URL}/dev/inbox`,
      },
    )
    return app.fetch(request)
  },
}
