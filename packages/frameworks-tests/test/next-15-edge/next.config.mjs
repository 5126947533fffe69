/** @type {import("next").NextConfig} */
export default {
  // The workspace packages export TypeScript sources that import siblings as `./x.js`.
  transpilePackages: ["@dynamoauth/core", "@dynamoauth/adapter-edge"],
  webpack(config) {
    config.resolve.extensionAlias = { ...config.resolve.extensionAlias, ".js": [".ts", ".js"] }
    return config
  },
  // Checked by tsc over the packages; nothing here is TypeScript.
  eslint: { ignoreDuringBuilds: true },
  poweredByHeader: false,
}
