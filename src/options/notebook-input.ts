/**
 * What the user pastes to bind a preset to a notebook or a project, and how a bound key reads.
 * Pure: Colab URLs become keys with the same function the content script uses
 * (`notebookIdentity`), so a key typed here is the key the notebook's page will look up; GitHub
 * addresses (github.com/<owner>/<repo>, …/tree/<branch>, …/blob/<branch>/<path>.ipynb) become the
 * repository, branch or notebook key (issue 18).
 */
import { notebookIdentity } from '../colab/notebook-key';
import { canonicalGithubKey, githubKeyProblem, isNotebookKey, parseGithubKey } from '../presets';

export type NotebookInput =
  | { readonly ok: true; readonly key: string }
  | { readonly ok: false; readonly reason: 'empty' | 'ephemeral' | 'not-a-notebook' | 'not-github' }
  /** A `github:` key, typed or made from a github.com address, that breaks GitHub's rules (`notebookKeyProblem` says which). */
  | { readonly ok: false; readonly reason: 'github'; readonly key: string };

const GITHUB_HOSTS = ['github.com', 'www.github.com'];

/** A github.com address as a `github:` key (not checked yet), null when it is not one. */
function githubAddressKey(value: string): string | 'not-github' | null {
  let url: URL;
  try {
    url = new URL(/^(www\.)?github\.com\//i.test(value) ? `https://${value}` : value);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !GITHUB_HOSTS.includes(url.hostname.toLowerCase())) return null;
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return 'not-github';
  }
  const [owner, rawRepo, kind, ...rest] = segments;
  if (owner === undefined || rawRepo === undefined) return 'not-github';
  const repo = rawRepo.replace(/\.git$/i, '');
  if (kind === undefined) return `github:${owner}/${repo}`;
  // A branch may hold slashes: all of the rest is the branch (a folder in it narrows nothing else).
  if (kind === 'tree' && rest.length > 0) return `github:${owner}/${repo}@${rest.join('/')}`;
  if (kind === 'blob' && rest.length >= 2 && (rest.at(-1) ?? '').toLowerCase().endsWith('.ipynb')) return `github:${owner}/${repo}/${rest.join('/')}`;
  return 'not-github';
}

/** The key as stored: a GitHub key's owner and repository in lower case (they compare without case). */
function storedKey(key: string): string {
  if (!key.startsWith('github:')) return key;
  const parsed = parseGithubKey(key.slice('github:'.length));
  return parsed.ok ? canonicalGithubKey(parsed.key) : key;
}

function checked(key: string): NotebookInput {
  if (isNotebookKey(key)) return { ok: true, key: storedKey(key) };
  return githubKeyProblem(key) ? { ok: false, reason: 'github', key } : { ok: false, reason: 'not-a-notebook' };
}

/** A notebook key, a Colab notebook URL or a GitHub address, turned into its key. */
export function parseNotebookInput(text: string): NotebookInput {
  const value = text.trim();
  if (value === '') return { ok: false, reason: 'empty' };
  if (isNotebookKey(value) || value.startsWith('github:')) return checked(value);
  const github = githubAddressKey(value);
  if (github === 'not-github') return { ok: false, reason: 'not-github' };
  if (github !== null) return checked(github);
  const identity = notebookIdentity(value);
  if (identity === null) return { ok: false, reason: 'not-a-notebook' };
  if (identity.kind === 'ephemeral') return { ok: false, reason: 'ephemeral' };
  // notebookIdentity only makes valid keys; checked again so the store never refuses one.
  return isNotebookKey(identity.key) ? { ok: true, key: identity.key } : { ok: false, reason: 'not-a-notebook' };
}

/** A key split into what a person reads: which kind of notebook, and its parts. */
export type NotebookDescription =
  | { readonly kind: 'drive'; readonly id: string }
  | { readonly kind: 'github'; readonly repo: string; readonly branch: string; readonly path: string }
  /** A project binding: every notebook of a repository, or of one branch of it. */
  | { readonly kind: 'github-repo'; readonly repo: string; readonly branch?: string }
  | { readonly kind: 'gist'; readonly gist: string }
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'other'; readonly key: string };

export function describeNotebookKey(key: string): NotebookDescription {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon);
  const body = key.slice(colon + 1);
  switch (kind) {
    case 'drive':
      return { kind, id: body };
    case 'github': {
      const parsed = parseGithubKey(body);
      if (parsed.ok && parsed.key.kind === 'repository') return { kind: 'github-repo', repo: `${parsed.key.owner}/${parsed.key.repo}` };
      if (parsed.ok && parsed.key.kind === 'branch') return { kind: 'github-repo', repo: `${parsed.key.owner}/${parsed.key.repo}`, branch: parsed.key.branch };
      const [owner = '', repo = '', branch = '', ...path] = body.split('/');
      return { kind, repo: `${owner}/${repo}`, branch, path: path.join('/') };
    }
    case 'gist':
      return { kind, gist: body };
    case 'builtin':
      return { kind, name: body };
    case 'url':
      return { kind, url: body };
    default:
      return { kind: 'other', key };
  }
}
