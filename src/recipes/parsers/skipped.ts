/**
 * Whether a step's cell found nothing to do, from what it printed: the helpers (python-helpers.ts)
 * and drive.mount print these fixed English lines when a step is already done. Only a whole step
 * counts: pip/apt print "Nothing to install." only when every package is present, and a download
 * with unzip is skipped only when the archive was already extracted too.
 */
const ALREADY_DONE: Readonly<Record<string, (stdout: string) => boolean>> = {
  'mount-drive': (out) => /^Drive already mounted at /m.test(out),
  cd: (out) => /^Already in /m.test(out),
  'pip-install': (out) => /^Nothing to install\.$/m.test(out),
  'apt-install': (out) => /^Nothing to install\.$/m.test(out),
  'git-clone': (out) => /^Already cloned: /m.test(out),
  download: (out) => /^Already downloaded: /m.test(out) && !/^Extracted \d+ entries /m.test(out),
  copy: (out) => /^Copied 0 file\(s\) to .*; \d+ already up to date\.$/m.test(out),
};

export function stepWasSkipped(recipe: string, stdout: string): boolean {
  return ALREADY_DONE[recipe]?.(stdout) ?? false;
}
