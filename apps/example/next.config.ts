import type { NextConfig } from "next"

const config: NextConfig = {
  // The workspace packages export TypeScript source, so Next.js compiles them itself.
  transpilePackages: ["@dynamoauth/core", "@dynamoauth/adapter-node"],
  // They import siblings as `./x.js` (NodeNext style) from `.ts` files. Webpack maps that with
  // `extensionAlias`; Turbopack (Next 16.4) does not, which is why the build uses `--webpack`.
  experimental: { extensionAlias: { ".js": [".ts", ".js"] } },
  // No image optimizer: sharp's install script is blocked in this workspace, and no page needs it.
  images: { unoptimized: true },
  poweredByHeader: false,
  // The package's `typecheck` task runs tsc over the app, tests and scripts; checking again
  // inside `next build` only slows the build on a two-core machine.
  typescript: { ignoreBuildErrors: true },
}

export default config
