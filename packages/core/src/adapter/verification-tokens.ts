import { cancellationReasons } from "../error-mapping.js"
import { ITEM_TYPE } from "../keys.js"
import { findOr } from "../limits.js"
import { batchWriteItems, getItem, transactWrite } from "../table/index.js"
import { type AdapterContext, EXISTS, toAuthObject, toData } from "./context.js"
import type { VerificationToken } from "./types.js"

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
      await batchWriteItems(table, { puts: [item] })
      return token
    },

    /**
     * Read, then a conditional delete in a transaction: of any number of
     * concurrent calls, exactly one gets the token. The transaction carries a
     * client request token, so when its answer is lost and the transport sends
     * it again, DynamoDB recognises the same request and answers success: the
     * caller that consumed the token gets it, and nobody else ever does.
     */
    useVerificationToken: (params: { identifier: string; token: string }) =>
      findOr(null, async (): Promise<VerificationToken | null> => {
        const key = keys.verificationToken(params.identifier, params.token)
        const item = await getItem(table, key)
        if (!item) return null
        try {
          await transactWrite(table, [{ delete: key, condition: EXISTS }])
          return toAuthObject<VerificationToken>(ctx, item)
        } catch (error) {
          if (cancellationReasons(error)?.[0] === "ConditionalCheckFailed") return null
          throw error
        }
      }),
  }
}
