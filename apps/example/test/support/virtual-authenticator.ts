/**
 * Chromium's virtual authenticator (CDP `WebAuthn` domain): a platform authenticator with
 * resident keys and user verification that approves every request by itself.
 */
import type { CDPSession, Page } from "playwright-core"

export interface VirtualAuthenticator {
  cdp: CDPSession
  authenticatorId: string
}

export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send("WebAuthn.enable")
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  return { cdp, authenticatorId }
}

export async function credentials(authenticator: VirtualAuthenticator) {
  const { credentials } = await authenticator.cdp.send("WebAuthn.getCredentials", {
    authenticatorId: authenticator.authenticatorId,
  })
  return credentials
}
