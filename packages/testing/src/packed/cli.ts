/**
 * `pnpm tarballs` (after building the packages): packs every publishable package into a folder,
 * default `<repo>/.cache/tarballs/` (emptied first), and prints the tarballs' paths, one a line.
 *
 *   tsx packages/testing/src/packed/cli.ts [folder]
 */
import { join, resolve } from "node:path"
import { findRepoRoot } from "../dynamodb-local/repo-root.js"
import { packWorkspacePackages } from "./pack.js"

const into = resolve(process.argv[2] ?? join(findRepoRoot(), ".cache", "tarballs"))
try {
  console.log(Object.values(await packWorkspacePackages(into)).join("\n"))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
