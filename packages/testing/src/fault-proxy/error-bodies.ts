/** The error answers DynamoDB gives for throttling and internal failures, as the proxy fakes them. */

export type ThrottleType =
  | "ProvisionedThroughputExceededException"
  | "ThrottlingException"
  | "RequestLimitExceeded"

// `__type` carries the service namespace in front of the error name, as DynamoDB sends it.
const THROTTLE_BODIES: Record<ThrottleType, { __type: string; message: string }> = {
  ProvisionedThroughputExceededException: {
    __type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
    message:
      "The level of configured provisioned throughput for the table was exceeded. (injected by the fault proxy)",
  },
  ThrottlingException: {
    __type: "com.amazon.coral.availability#ThrottlingException",
    message: "Rate of requests exceeds the allowed throughput. (injected by the fault proxy)",
  },
  RequestLimitExceeded: {
    __type: "com.amazonaws.dynamodb.v20120810#RequestLimitExceeded",
    message:
      "Throughput exceeds the current throughput limit for your account. (injected by the fault proxy)",
  },
}

/** DynamoDB throttles with HTTP 400, not 429: clients must read `__type` to retry it. */
export function throttleResponse(type: ThrottleType): { status: number; body: string } {
  return { status: 400, body: JSON.stringify(THROTTLE_BODIES[type]) }
}

export function serverErrorResponse(): { status: number; body: string } {
  return {
    status: 500,
    body: JSON.stringify({
      __type: "com.amazon.coral.service#InternalFailure",
      message:
        "The request processing has failed because of an unknown error. (injected by the fault proxy)",
    }),
  }
}
