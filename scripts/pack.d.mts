/** Types of pack.mjs for the TypeScript that imports it (runtime-tests). */
export function publishablePackages(): { dir: string; manifest: Record<string, any> }[]
export function packAll(into: string): Record<string, string>
export function pnpm(args: string[], cwd: string): void
