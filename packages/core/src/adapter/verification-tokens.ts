import type { VerificationToken } from "@auth/core/adapters"
import { isConditionFailure } from "../error-mapping.js"
import { ITEM_TYPE } from "../keys.js"
import { type AdapterContext, EXISTS, toAuthObject, toData } from "./context.js"

export function verificationTokenMethods(ctx: AdapterContext) {
  const { keys, table } = ctx
  return {
    async createVerificationToken(token: VerificationToken): Promise<VerificationToken> {
      const item = {
        ...toData(ctx, token),
        ...keys.verificationToken(token.identifier, token.token),
        type: ITEM_TYPE.verificationToken,
      }
      // A one-item batch costs what a PutItem does (1 WCU, one request).
      await table.batchWrite({ puts: [item] })
      return token
    },

    /** Conditional delete: of any number of concurrent calls, exactly one gets the token. */
    async useVerificationToken(params: {
      identifier: string
      token: string
    }): Promise<VerificationToken | null> {
      try {
        const old = await table.delete(
          keys.verificationToken(params.identifier, params.token),
          EXISTS,
        )
        return toAuthObject<VerificationToken>(ctx, old)
      } catch (error) {
        if (isConditionFailure(error)) return null
        throw error
      }
    },
  }
}
