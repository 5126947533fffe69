// Child-process fixture for start.test.ts: starts DynamoDB Local, prints its port, then either
// exits without calling stop() ("exit") or waits to be killed ("wait").
import { startDynamoDBLocal } from "../dynamodb-local/start.js"

const db = await startDynamoDBLocal()
process.stdout.write(`${db.port}\n`)
if (process.argv[2] === "exit") process.exit(0)
setInterval(() => {}, 60_000)
