/**
 * Node side of the workerd project: one DynamoDB Local and two fault proxies in front of it, all on
 * 127.0.0.1; their endpoints reach the tests in workerd through `provide` (see provided.ts).
 */
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import startDynamoDBLocal from "@dynamoauth/testing/vitest-global-setup"
import type { TestProject } from "vitest/node"
import "./provided.js"

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stopDynamoDB = await startDynamoDBLocal(project)
  try {
    const proxy = await startFaultProxy({
      target: project.getProvidedContext().dynamodbEndpoint,
      seed: 15,
    })
    project.provide("proxyEndpoint", proxy.endpoint)
    const faultProxy = await startFaultProxy({
      target: project.getProvidedContext().dynamodbEndpoint,
      seed: 20,
    })
    project.provide("faultProxyEndpoint", faultProxy.endpoint)
    return async () => {
      await faultProxy.close()
      await proxy.close()
      await stopDynamoDB()
    }
  } catch (error) {
    await stopDynamoDB()
    throw error
  }
}
