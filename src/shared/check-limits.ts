/**
 * The limits of a preset's checks (setup-checks.ts), apart so that the message contract, in the
 * content script, can bound a plan without loading the checks' rules.
 */
export const CHECK_LIMITS = {
  checks: 20,
  module: 200,
  version: 100,
  /** Words of a command (the program and its arguments). */
  argv: 32,
  /** Characters of one word of a command. */
  arg: 1000,
  path: 1000,
  /** Seconds a command may take. */
  timeout: 3600,
} as const;

export const DEFAULT_CHECK_TIMEOUT = 60;
