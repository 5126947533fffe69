/** The CLI's exit codes (documented in the README and in `--help`). */
export const EXIT = {
  /** Done, and everything is as it should be. */
  ok: 0,
  /** A DynamoDB, network or unexpected error stopped the command (a run can be resumed). */
  error: 1,
  /** Bad command line, or a checkpoint from a run with other settings. */
  usage: 2,
  /** Done, but items need attention: run had failures, verify found nonconforming items, doctor found errors. */
  attention: 3,
  /** Stopped by SIGINT; the checkpoint is saved, run the same command again to resume. */
  interrupted: 130,
  /** Stopped by SIGTERM; as above. */
  terminated: 143,
} as const
