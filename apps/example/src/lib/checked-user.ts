/**
 * The request header through which the proxy hands the user it checked to the page.
 * Set by the proxy only: it replaces any incoming copy, or redirects.
 */
export const CHECKED_USER_HEADER = "x-checked-user"

export interface CheckedUser {
  id: string
  email: string
  /** Where the check ran ("nodejs" for a Next.js 16 proxy), so the page and tests can show it. */
  runtime: string
}
