/**
 * The plugins users commonly enable (device authorization, two-factor, organization with teams,
 * passkey, email OTP, magic link, username, API key, JWT, admin) through Better Auth's real
 * handler with `scan: "refuse"`: every request of their flows, above all the ones an
 * unauthenticated client can send (device polls, made-up codes and keys, the JWKS), is answered
 * by key lookups; uniqueness declared at table level holds. Web APIs only: plugins.test.ts runs it
 * on Node (both transports).
 */
import { apiKey } from "@better-auth/api-key"
import { passkey } from "@better-auth/passkey"
import type { Transport } from "@dynamoauth/core"
import { unmarshallItem } from "@dynamoauth/core/internal"
import {
  BETTER_AUTH_BASE,
  type BetterAuthHandler,
  type BetterAuthRequestInit,
  betterAuthRequest,
} from "@dynamoauth/testing/better-auth-handler"
import { scanAll } from "@dynamoauth/testing/contract"
import { betterAuth } from "better-auth"
import {
  admin,
  deviceAuthorization,
  emailOTP,
  jwt,
  magicLink,
  organization,
  twoFactor,
  username,
} from "better-auth/plugins"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { countingTransport, freshTable } from "../edge.js"

const GRANT = "urn:ietf:params:oauth:grant-type:device_code"
const PASSWORD = "correct horse battery"

export interface Reply {
  status: number
  json: any
  /** Every cookie the response set, as a `cookie` header. */
  cookies: string
  location: string | null
}

/** Better Auth's handler called as a browser would, keeping every cookie (two-factor needs its own). */
export async function call(
  auth: BetterAuthHandler,
  path: string,
  init: BetterAuthRequestInit = {},
): Promise<Reply> {
  const response = await auth.handler(betterAuthRequest(path, init))
  const cookies = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => !c.endsWith("="))
    .join("; ")
  const text = await response.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  return { status: response.status, json, cookies, location: response.headers.get("location") }
}

export function definePluginSuite(label: string, transport: Transport): void {
  // Each flow signs up and in several times, hashing a password each time: slow on a busy machine.
  describe(label, { timeout: 120_000 }, () => {
    async function setup(device: { generateUserCode?: () => string } = {}) {
      const table = await freshTable(transport)
      const { counted, requests } = countingTransport(transport)
      const errors: string[] = []
      const mail = new Map<string, string>()
      const auth = betterAuth({
        baseURL: BETTER_AUTH_BASE,
        secret: "a-test-secret-that-is-long-enough-0123456789",
        database: dynamoAuthBetterAuth({ transport: counted, ...table, scan: "refuse" }),
        emailAndPassword: { enabled: true },
        // Every adapter error Better Auth logs, background prunes included: a refused scan shows here.
        logger: {
          log: (level, message, ...args) => {
            const text = [message, ...args.map(String)].join(" ")
            if (level === "error" && text.includes("[dynamoauth]")) errors.push(text)
          },
        },
        plugins: [
          deviceAuthorization({ verificationUri: "/device", interval: "0s", ...device }),
          twoFactor({ skipVerificationOnEnable: true }),
          organization({ teams: { enabled: true } }),
          passkey(),
          emailOTP({ sendVerificationOTP: async ({ email, otp }) => void mail.set(email, otp) }),
          magicLink({ sendMagicLink: async ({ email, token }) => void mail.set(email, token) }),
          username(),
          apiKey({ enableSessionForAPIKeys: true }),
          jwt(),
          admin(),
        ],
      })
      const send = (path: string, init?: Parameters<typeof call>[2]) => call(auth, path, init)
      const signUp = async (name: string) => {
        const email = `${name}-${crypto.randomUUID()}@example.com`
        const reply = await send("/sign-up/email", { body: { email, password: PASSWORD, name } })
        expect(reply.status).toBe(200)
        return { email, id: reply.json.user.id as string, cookie: reply.cookies }
      }
      /** The requests `run` sends, by operation. */
      const measure = async <T>(run: () => Promise<T>) => {
        requests.length = 0
        const result = await run()
        return { result, sent: [...requests] }
      }
      const { adapter } = await auth.$context
      return { auth, adapter, table, send, signUp, measure, requests, errors, mail }
    }

    it("device authorization: codes, polls and made-up codes are key lookups", async () => {
      const { send, signUp, measure, requests, errors } = await setup()
      const code = await send("/device/code", { body: { client_id: "tv" } })
      expect(code.status).toBe(200)
      const { device_code, user_code } = code.json

      const verify = await measure(() => send(`/device?user_code=${user_code}`))
      expect(verify.result).toMatchObject({ status: 200, json: { status: "pending" } })
      const madeUp = await measure(() => send("/device?user_code=ZZZZ9999"))
      expect(madeUp.result.status).toBe(400)
      expect(madeUp.sent).toEqual(["GetItem"])

      const poll = () =>
        send("/device/token", { body: { grant_type: GRANT, device_code, client_id: "tv" } })
      const pending = await measure(poll)
      expect(pending.result.json.error).toBe("authorization_pending")
      const unknown = await measure(() =>
        send("/device/token", {
          body: { grant_type: GRANT, device_code: "no-such-code", client_id: "tv" },
        }),
      )
      expect(unknown.result.status).toBe(400)
      expect(unknown.sent).toEqual(["GetItem"])

      const user = await signUp("dev")
      // The verifying session claims the code, then approves it.
      const claim = await send(`/device?user_code=${user_code}`, { cookie: user.cookie })
      expect(claim.status).toBe(200)
      const approve = await send("/device/approve", {
        body: { userCode: user_code },
        cookie: user.cookie,
      })
      expect(approve.status).toBe(200)
      const token = await poll()
      expect(token.status).toBe(200)
      expect(token.json.access_token).toEqual(expect.any(String))
      expect(requests).not.toContain("Scan")
      expect(errors).toEqual([])
    })

    it("device authorization: two devices cannot hold one user code", async () => {
      const { send, adapter, table } = await setup({ generateUserCode: () => "SAMECODE" })
      const first = await send("/device/code", { body: { client_id: "tv" } })
      expect(first.status).toBe(200)
      const second = await send("/device/code", { body: { client_id: "attacker" } })
      expect(second.status).not.toBe(200)
      await expect(
        adapter.create({
          model: "deviceCode",
          data: {
            deviceCode: "another-device",
            userCode: "SAMECODE",
            expiresAt: new Date(Date.now() + 60_000),
            status: "pending",
          },
        }),
      ).rejects.toMatchObject({ code: "DUPLICATE_VALUE" })
      const items = (await scanAll(transport, table.tableName)).map((i) => unmarshallItem(i as any))
      const devices = items.filter((i) => i._m === "deviceCode")
      expect(devices.map((d) => d.clientId)).toEqual(["tv"])
      // Approving the code approves the first device only.
      expect((await send("/device?user_code=SAMECODE")).json.status).toBe("pending")
    })

    it("two-factor, username, email OTP and magic link sign-ins; made-up codes and tokens", async () => {
      const { send, signUp, mail, requests, errors } = await setup()
      const ada = await signUp("ada")
      expect(
        (await send("/two-factor/enable", { body: { password: PASSWORD }, cookie: ada.cookie }))
          .status,
      ).toBe(200)
      const twoFactorSignIn = await send("/sign-in/email", {
        body: { email: ada.email, password: PASSWORD },
      })
      expect(twoFactorSignIn.json.twoFactorRedirect).toBe(true)
      const wrong = await send("/two-factor/verify-totp", {
        body: { code: "000000" },
        cookie: twoFactorSignIn.cookies,
      })
      expect(wrong.status).toBe(401)

      const name = `user_${crypto.randomUUID().slice(0, 8)}`
      const withName = await send("/sign-up/email", {
        body: { email: `${name}@example.com`, password: PASSWORD, name, username: name },
      })
      expect(withName.status).toBe(200)
      expect((await send("/is-username-available", { body: { username: name } })).json).toEqual({
        available: false,
      })
      expect(
        (await send("/is-username-available", { body: { username: "nobody_here" } })).json,
      ).toEqual({ available: true })
      expect(
        (await send("/sign-in/username", { body: { username: name, password: PASSWORD } })).status,
      ).toBe(200)
      expect(
        (await send("/sign-in/username", { body: { username: "nobody_here", password: PASSWORD } }))
          .status,
      ).toBe(401)

      const otpEmail = `otp-${crypto.randomUUID()}@example.com`
      await send("/email-otp/send-verification-otp", { body: { email: otpEmail, type: "sign-in" } })
      expect(
        (await send("/sign-in/email-otp", { body: { email: otpEmail, otp: "000000" } })).status,
      ).toBeGreaterThanOrEqual(400)
      expect(
        (await send("/sign-in/email-otp", { body: { email: otpEmail, otp: mail.get(otpEmail) } }))
          .status,
      ).toBe(200)

      const linkEmail = `link-${crypto.randomUUID()}@example.com`
      expect(
        (await send("/sign-in/magic-link", { body: { email: linkEmail, callbackURL: "/" } }))
          .status,
      ).toBe(200)
      const verified = await send(`/magic-link/verify?token=${mail.get(linkEmail)}&callbackURL=/`)
      expect(verified.status).toBe(302)
      expect(verified.cookies).toMatch(/better-auth.session_token=/)
      const forged = await send("/magic-link/verify?token=made-up-token&callbackURL=/")
      expect(forged.location).toMatch(/error=/)
      expect(requests).not.toContain("Scan")
      expect(errors).toEqual([])
    })

    it("organization with teams: create, invite, accept, team members", async () => {
      const { send, signUp, adapter, requests, errors } = await setup()
      const owner = await signUp("owner")
      const org = await send("/organization/create", {
        body: { name: "Acme", slug: `acme-${crypto.randomUUID()}` },
        cookie: owner.cookie,
      })
      expect(org.status).toBe(200)
      const team = await send("/organization/create-team", {
        body: { name: "Core", organizationId: org.json.id },
        cookie: owner.cookie,
      })
      expect(team.status).toBe(200)
      const bob = await signUp("bob")
      // Invitations are listed for verified emails only.
      await adapter.update({
        model: "user",
        where: [{ field: "id", value: bob.id }],
        update: { emailVerified: true },
      })
      const invite = await send("/organization/invite-member", {
        body: {
          email: bob.email,
          role: "member",
          organizationId: org.json.id,
          teamId: team.json.id,
        },
        cookie: owner.cookie,
      })
      expect(invite.status).toBe(200)
      const listed = await send("/organization/list-user-invitations", { cookie: bob.cookie })
      expect(listed.json.map((i: { id: string }) => i.id)).toEqual([invite.json.id])
      const accepted = await send("/organization/accept-invitation", {
        body: { invitationId: invite.json.id },
        cookie: bob.cookie,
      })
      expect(accepted.status).toBe(200)
      const members = await send(`/organization/list-members?organizationId=${org.json.id}`, {
        cookie: owner.cookie,
      })
      expect(members.json.members.map((m: { userId: string }) => m.userId).sort()).toEqual(
        [owner.id, bob.id].sort(),
      )
      const stored = await adapter.findOne<{ memberCount?: number }>({
        model: "team",
        where: [{ field: "id", value: team.json.id }],
      })
      const teamMembers = await adapter.count({
        model: "teamMember",
        where: [{ field: "teamId", value: team.json.id }],
      })
      expect(teamMembers).toBe(1)
      expect(stored?.memberCount).toBe(teamMembers)
      expect(requests).not.toContain("Scan")
      expect(errors).toEqual([])
    })

    it("API keys, JWT and admin: made-up keys, the public JWKS and unauthenticated admin calls", async () => {
      const { auth, send, signUp, adapter, requests, errors } = await setup()
      const ada = await signUp("ada")
      const created = await send("/api-key/create", { body: {}, cookie: ada.cookie })
      expect(created.status).toBe(200)
      const key = created.json.key as string
      // verifyApiKey is a server-only endpoint: the app calls it with what a client sent.
      expect((await auth.api.verifyApiKey({ body: { key } })).valid).toBe(true)
      expect((await auth.api.verifyApiKey({ body: { key: "made-up-key" } })).valid).toBe(false)
      const viaKey = await send("/get-session", { headers: { "x-api-key": key } })
      expect(viaKey.json.user.id).toBe(ada.id)
      const listed = await send("/api-key/list", { cookie: ada.cookie })
      expect(listed.status).toBe(200)

      const jwks = await send("/jwks")
      expect(jwks.status).toBe(200)
      expect(jwks.json.keys).toHaveLength(1)
      const token = await send("/token", { cookie: ada.cookie })
      expect(token.json.token.split(".")).toHaveLength(3)
      expect((await send("/jwks")).json.keys).toHaveLength(1)

      expect((await send("/admin/list-users")).status).toBe(401)
      await adapter.update({
        model: "user",
        where: [{ field: "id", value: ada.id }],
        update: { role: "admin" },
      })
      const eve = await signUp("eve")
      const ban = await send("/admin/ban-user", { body: { userId: eve.id }, cookie: ada.cookie })
      expect(ban.status).toBe(200)
      const banned = await send("/sign-in/email", {
        body: { email: eve.email, password: PASSWORD },
      })
      expect(banned.status).toBe(403)
      expect(requests).not.toContain("Scan")
      expect(errors).toEqual([])
    })

    it("passkey: a made-up credential is looked up by its claim", async () => {
      const { send, requests, errors } = await setup()
      const options = await send("/passkey/generate-authenticate-options")
      expect(options.status).toBe(200)
      const forged = await send("/passkey/verify-authentication", {
        body: {
          response: {
            id: "made-up",
            rawId: "made-up",
            type: "public-key",
            response: { clientDataJSON: "e30", authenticatorData: "AA", signature: "AA" },
            clientExtensionResults: {},
          },
        },
        cookie: options.cookies,
      })
      expect(forged.status).toBeGreaterThanOrEqual(400)
      expect(requests).not.toContain("Scan")
      expect(errors).toEqual([])
    })
  })
}
