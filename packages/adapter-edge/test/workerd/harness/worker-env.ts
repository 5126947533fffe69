/** The worker's bindings, for test code that runs inside workerd. */
export interface WorkerEnv {
  /** DynamoDB Local, e.g. `http://127.0.0.1:8000`. */
  DYNAMODB_ENDPOINT: string
  [name: string]: unknown
}

let env: WorkerEnv | undefined

export function setWorkerEnv(value: WorkerEnv): void {
  env = value
}

/** Read lazily (in hooks and tests): bindings only exist once a request arrives. */
export function workerEnv(): WorkerEnv {
  if (!env) throw new Error("worker env read before the first request")
  return env
}
