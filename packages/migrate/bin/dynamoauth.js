#!/usr/bin/env node
// The `dynamoauth` bin inside the workspace, where @dynamoauth/* export their TypeScript
// sources: it runs the CLI from src/ through tsx. The published package's bin is
// dist/cli/main.js (publishConfig.bin), plain JavaScript with no tsx.
import { register } from "tsx/esm/api"

register()
await import("../src/cli/main.ts")
