import { fileURLToPath } from "node:url"

/** apps/example, whatever the working directory. */
export const APP_DIR = fileURLToPath(new URL("../..", import.meta.url))
export const REPO_DIR = fileURLToPath(new URL("../../../..", import.meta.url))
