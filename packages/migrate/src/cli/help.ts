/** `--help` texts, one per command. */

const TABLE_FLAGS = `Table options (the adapter's options, same defaults):
  --table <name>                 table name                        (default: next-auth)
  --partition-key <name>         partition key attribute           (default: pk)
  --sort-key <name>              sort key attribute                (default: sk)
  --index-name <name>            global secondary index            (default: GSI1)
  --index-partition-key <name>   index partition key attribute     (default: GSI1PK)
  --index-sort-key <name>        index sort key attribute          (default: GSI1SK)

Connection (credentials come from the usual AWS chain: env, profile, SSO, instance role):
  --region <region>              AWS region (default: AWS_REGION / your profile)
  --endpoint <url>               another endpoint, e.g. http://127.0.0.1:8000 for DynamoDB Local`

const EXIT_CODES = `Exit codes:
  0    done, all good
  1    a DynamoDB, network or unexpected error stopped the command
  2    bad command line (or a checkpoint written with other settings)
  3    done, but items need attention (run: failed items; verify: nonconforming items; doctor: errors)
  130  interrupted (Ctrl-C); 143 terminated — run the same command again to resume`

export const HELP: Record<string, string> = {
  main: `dynamoauth — set up, check and migrate the DynamoDB table of the Auth.js adapter

Usage: dynamoauth <command> [options]

Commands:
  init              create the table (keys, index with projection ALL, TTL on "expires"),
                    or print it as CloudFormation or CDK
  doctor            check a live table and say what is wrong and how to fix it
  migrate plan      dry run: what a migration would change (writes nothing)
  migrate run       migrate next-auth v3-era items to the current layout (in place or into another table)
  migrate verify    check that every item is in the current layout
  migrate … --to better-auth
                    move the Auth.js table to Better Auth's layout (@dynamoauth/better-auth)

Run "dynamoauth <command> --help" for a command's options.

${EXIT_CODES}`,

  init: `Usage: dynamoauth init [options]

Creates the table the adapter expects: string keys, a global secondary index with
projection ALL, on-demand billing, and TTL on "expires". An existing table is left
alone (check it with "dynamoauth doctor").

Options:
  --print <cloudformation|cdk>   print the same table as a CloudFormation template or
                                 AWS CDK code instead of creating it (no AWS access)
  --json                         print only the JSON result
  -h, --help

${TABLE_FLAGS}

${EXIT_CODES}`,

  doctor: `Usage: dynamoauth doctor [options]

Checks the table's keys, index, projection and TTL, and reads a sample of items for
legacy (next-auth v3, 1.0.0/1.0.1) shapes. Prints each finding with a fix. Reads only.

Options:
  --sample-size <n>   items to read for the legacy check (default: 1000)
  --json              print only the JSON report
  -h, --help

${TABLE_FLAGS}

${EXIT_CODES}`,

  migrate: `Usage: dynamoauth migrate <plan|run|verify> [options]

  plan     counts per item kind and per change, sample before/after diffs; writes nothing
  run      applies the changes; safe beside a running app (every write is conditional on
           the item being unchanged since it was read); resumable; a second run changes nothing
  verify   every item conforms to the current layout, or exit code 3

Options:
  --target-table <name>     write migrated copies of all items into this (existing) table
                            instead of changing the source table in place (verify: check
                            that table)
  --drop-legacy             also remove fields the current layout no longer writes
                            (createdAt, updatedAt, username, v3 account field names,
                            sessions' accessToken); kept by default
  --total-segments <n>      parallel scan segments the table is split into (default: 4)
  --segment <n>             only this segment (repeat or comma-separate); with
                            --total-segments, splits a big table across machines
  --concurrency <n>         segments scanned at once (default: min(segments, 4))
  --page-size <n>           items per scan page; a checkpoint is saved after each (default: 100)
  --batch-size <n>          items per TransactWriteItems request, for re-keyed
                            verification requests and copies (default: 25)
  --max-rps <n>             at most n requests per second
  --max-wcu <n>             at most n write capacity units per second (estimated)
  --checkpoint <file>       resume file (run default: ./.dynamoauth-<table>.checkpoint.json;
                            deleted when the run completes)
  --no-checkpoint           do not write or read a checkpoint
  --strict                  verify: items of unknown shape count as nonconforming
  --claims                  also the claims that guard emails, provider accounts and
                            passkeys (tables written by the official or the v3 adapter
                            have none): plan and verify count missing ones, run writes
                            them; an email or account two users share is reported
  --to better-auth          instead: write each Auth.js user, account, session, verification
                            token and passkey as the Better Auth record (and claims)
                            @dynamoauth/better-auth reads, in place or into --target-table;
                            the Auth.js items are left as they are
  --sessions <keep|drop>    with --to better-auth: live sessions become Better Auth sessions
                            with the same token (keep, default), or are not migrated (drop)
  --report <file>           also write the JSON report to this file
  --json                    no progress bar or summary: only the JSON report on stdout
  -h, --help

${TABLE_FLAGS}

${EXIT_CODES}`,
}
