/**
 * Local bare git repositories for tests that clone "from GitHub" with no network: a kernel session
 * (kernel-session.ts, `repos`) maps https://github.com/<owner>/<repo> to one of these, and the
 * real git clones it (shallow clones included).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('/usr/bin/git', args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid' },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

/**
 * Creates `<parent>/<name>.git`, a bare repository whose branches hold `files` (path → text):
 * one commit per branch, each branch with exactly its own files; the first branch is the default
 * (HEAD). Returns the bare repo's path.
 */
export function createBareRepo(parent: string, name: string, branches: Readonly<Record<string, Readonly<Record<string, string>>>>): string {
  const bare = join(parent, `${name}.git`);
  const work = mkdtempSync(join(tmpdir(), 'clp-repo-'));
  try {
    const names = Object.keys(branches);
    git(work, 'init', '-q', '-b', names[0] ?? 'main');
    for (const [i, branch] of names.entries()) {
      if (i > 0) git(work, 'checkout', '-q', '--orphan', branch);
      git(work, 'rm', '-rq', '--cached', '--ignore-unmatch', '.');
      for (const [path, text] of Object.entries(branches[branch] ?? {})) {
        mkdirSync(dirname(join(work, path)), { recursive: true });
        writeFileSync(join(work, path), text);
      }
      git(work, 'add', '-A', ...Object.keys(branches[branch] ?? {}));
      git(work, 'commit', '-q', '--allow-empty', '-m', `${branch}: test fixture`);
    }
    git(work, 'checkout', '-q', '-f', names[0] ?? 'main'); // the default branch of the clone
    git(parent, 'clone', '-q', '--bare', work, bare);
    return bare;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
