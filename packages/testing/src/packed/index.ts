/**
 * @dynamoauth/testing/packed — the packages as users get them: `pnpm pack` (publishConfig
 * applied, `workspace:*` rewritten), then a scratch consumer app that installs the tarballs
 * with npm or pnpm, so a broken `exports` map, a file missing from `files`, a `.ts` import left
 * in `dist` or a peer range npm cannot satisfy fails the test. Node only.
 *
 * ```ts
 * const tarballs = await packedTarballs()   // once per build, cached in .cache/packed/
 * const app = await createConsumer({ dir, tarballs, dependencies: { "next-auth": "4.24.15" }, files })
 * await typecheckConsumer(app.dir)
 * ```
 */
export {
  type ConsumerOptions,
  cachedConsumer,
  createConsumer,
  runConsumerTests,
  typecheckConsumer,
} from "./consumer.js"
export { packedTarballs, packKey, packWorkspacePackages, publishablePackages } from "./pack.js"
