import { describe, expect, it } from 'vitest';
import { GITHUB_LIMITS, isGitBranch, isGithubOwner, isGithubRepo } from './github-names';

describe('GitHub owner names', () => {
  it.each(['octocat', 'OctoCat', 'a', '0', 'my-org', 'a-b-c', '1-2', 'x'.repeat(GITHUB_LIMITS.owner)])('accepts %j', (name) => expect(isGithubOwner(name)).toBe(true));
  it.each(['', '-octocat', 'octocat-', 'octo--cat', 'octo_cat', 'octo.cat', 'octo cat', 'ö', 'x'.repeat(GITHUB_LIMITS.owner + 1)])('refuses %j', (name) =>
    expect(isGithubOwner(name)).toBe(false),
  );
});

describe('GitHub repository names', () => {
  it.each(['hello-world', 'Hello_World', 'a.b', '.github', '...', '-x-', '_', 'x'.repeat(GITHUB_LIMITS.repo)])('accepts %j', (name) => expect(isGithubRepo(name)).toBe(true));
  it.each(['', '.', '..', 'a b', 'a/b', 'a@b', 'ä', 'x'.repeat(GITHUB_LIMITS.repo + 1)])('refuses %j', (name) => expect(isGithubRepo(name)).toBe(false));
});

describe('git branch names', () => {
  it.each(['main', 'master', 'dev', 'feature/x', 'release-1.2', 'v1.0', 'Ünïcode', 'a@b', 'a.lockx', 'x'.repeat(GITHUB_LIMITS.branch)])('accepts %j', (name) =>
    expect(isGitBranch(name)).toBe(true),
  );
  it.each([
    '', '@', '-x', '/x', 'x/', 'x.', 'a..b', 'a b', 'a\tb', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[1]', 'a\\b', 'a@{1}', 'a//b', '.hidden', 'a/.b', 'x.lock', 'a/b.lock/c', 'a\u007Fb',
    'x'.repeat(GITHUB_LIMITS.branch + 1),
  ])('refuses %j', (name) => expect(isGitBranch(name)).toBe(false));
});
