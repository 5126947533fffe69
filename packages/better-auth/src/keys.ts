/** The Better Auth layout's keys are built in core, which `dynamoauth migrate` shares without depending on this package. */
export {
  CLAIM_OF,
  CLAIM_REF,
  createModelKeys,
  keyPart,
  LAYOUT_ATTRIBUTES,
  LEAVING_ATTRIBUTE,
  MEMBER_OF,
  MODEL_ATTRIBUTE,
  type ModelKeys,
  TTL_ATTRIBUTE,
} from "@dynamoauth/core/internal"
