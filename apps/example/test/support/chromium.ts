/**
 * Debian's Chromium, installed with apt when missing (browser downloads are not possible
 * here, so Playwright's own `install` is not used).
 */
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"

export const CHROMIUM = "/usr/bin/chromium"

export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env })
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env })
  if (!existsSync(CHROMIUM))
    throw new Error(`apt-get installed chromium, but ${CHROMIUM} is missing`)
  return CHROMIUM
}
