import { ITEM_TYPE } from "@dynamoauth/core"
import { stringOf } from "../../attributes.js"
import { read, set } from "./draft.js"
import type { Draft } from "./types.js"

export { ITEM_TYPE }

/** Sets the `type` marker the current layout expects for users, sessions and tokens. */
export function setMarker(draft: Draft, marker: string, change: string): void {
  if (stringOf(read(draft, "type")) !== marker) set(draft, "type", { S: marker }, change)
}
