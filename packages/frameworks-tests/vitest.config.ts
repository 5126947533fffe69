import { packageTestConfig } from "../../vitest.shared.ts"

export default packageTestConfig(
  { dynamodb: true },
  // next-auth 5 imports `next/server` without an extension, which Next.js's bundler resolves
  // and Node does not: let Vite load it, as Next.js would.
  { server: { deps: { inline: ["next-auth"] } } },
)
