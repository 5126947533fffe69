/**
 * The request header through which the edge middleware hands the user it checked to the page.
 * Set by the middleware only: it replaces any incoming copy, or redirects.
 */
export const EDGE_USER_HEADER = "x-edge-checked-user"

export interface EdgeCheckedUser {
  id: string
  email: string
  /** Where the check ran ("edge" in the edge runtime), so the page and tests can show it. */
  runtime: string
}
