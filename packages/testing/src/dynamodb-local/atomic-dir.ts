import { existsSync } from "node:fs"
import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises"
import { basename, dirname, join } from "node:path"

/**
 * Makes sure `target` exists, building it at most once per winner: `build` fills a fresh
 * temporary folder beside `target`, which is then renamed into place. A rename within one
 * file system is atomic, so several processes (turbo runs package tests in parallel) may race:
 * one rename wins, the losers discard their copy, and nobody ever sees a half-built folder.
 * No lock file means no stale lock after a crash either.
 *
 * `complete` is a file inside `target` whose presence proves the folder is usable.
 */
export async function materializeDir(
  target: string,
  complete: string,
  build: (tmpDir: string) => Promise<void>,
): Promise<string> {
  if (existsSync(join(target, complete))) return target
  await mkdir(dirname(target), { recursive: true })
  const tmp = await mkdtemp(join(dirname(target), `.tmp-${basename(target)}-`))
  try {
    await build(tmp)
    if (!existsSync(join(tmp, complete))) {
      throw new Error(`materializeDir: build of ${basename(target)} did not produce ${complete}`)
    }
    try {
      await rename(tmp, target)
    } catch (error) {
      // Another process won the race (the target is now a non-empty folder): use its copy.
      if (!existsSync(join(target, complete))) throw error
    }
    return target
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

/**
 * Removes the entries of a cache folder other than `keep` (earlier builds' copies), except those
 * touched within the last hour, so that a run still using one can, and folders being built.
 */
export async function pruneOtherEntries(cache: string, keep: string): Promise<void> {
  const hourAgo = Date.now() - 3_600_000
  for (const entry of await readdir(cache)) {
    const path = join(cache, entry)
    if (entry !== keep && !entry.startsWith(".tmp-") && (await stat(path)).mtimeMs < hourAgo) {
      await rm(path, { recursive: true, force: true })
    }
  }
}
