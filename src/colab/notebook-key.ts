/**
 * A stable identity for a Colab notebook, derived from its URL (colab-dom.md §3, [M] unless noted).
 * Host, query (`usp`, `authuser`) and fragment (`scrollTo`) never change the identity: the same
 * notebook reached from either Colab host or a sharing link gets the same key.
 */
import { COLAB_HOSTS } from '../shared/colab-hosts';

export type NotebookIdentity =
  | { readonly kind: 'persistent'; readonly key: string }
  /** A notebook whose state must not be kept: the scratch notebook, or one being created. */
  | { readonly kind: 'ephemeral'; readonly reason: 'scratch' | 'create' };

const DRIVE_ID = /^[A-Za-z0-9_-]{10,}$/;
const SEGMENT = /^[^/\0\n\r]+$/;
/** Built-in notebooks Colab serves from /notebooks/ that are scratch space, not documents (S8). */
const SCRATCH_NOTEBOOKS = new Set(['empty']);

function decodeSegments(segments: readonly string[]): string[] | null {
  try {
    const decoded = segments.map((s) => decodeURIComponent(s));
    return decoded.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..') ? decoded : null;
  } catch {
    return null;
  }
}

function fromHash(hash: string): NotebookIdentity | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (params.get('create') === 'true') return { kind: 'ephemeral', reason: 'create' };
  const fileId = params.get('fileId');
  if (fileId === null) return null;
  // URLSearchParams has already percent-decoded the value once: `#fileId=https%3A%2F%2F…`.
  let target: URL;
  try {
    target = new URL(fileId);
  } catch {
    return null;
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return null;
  return { kind: 'persistent', key: `url:${target.href}` };
}

/** Returns the notebook's identity, or null when the URL is not a Colab notebook. */
export function notebookIdentity(href: string): NotebookIdentity | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !COLAB_HOSTS.includes(url.hostname.toLowerCase())) return null;

  const raw = url.pathname.split('/').filter((s) => s !== '');
  const segments = decodeSegments(raw);
  if (segments === null) return null;
  const [kind, ...rest] = segments;

  if (kind === undefined) return fromHash(url.hash);

  switch (kind) {
    case 'drive': {
      const [id, ...extra] = rest;
      return id !== undefined && extra.length === 0 && DRIVE_ID.test(id) ? { kind: 'persistent', key: `drive:${id}` } : null;
    }
    case 'github': {
      // /github/<owner>/<repo>/blob/<branch>/<path…>.ipynb — GitHub names are case-insensitive.
      const [owner, repo, blob, branch, ...path] = rest;
      if (owner === undefined || repo === undefined || blob !== 'blob' || branch === undefined) return null;
      const file = path.at(-1);
      if (file === undefined || !file.toLowerCase().endsWith('.ipynb')) return null;
      return { kind: 'persistent', key: `github:${owner.toLowerCase()}/${repo.toLowerCase()}/${branch}/${path.join('/')}` };
    }
    case 'gist': {
      // /gist/<user>/<gistId>/<file>.ipynb; the file may be missing when a gist has one notebook.
      const [user, gistId, file, ...extra] = rest;
      if (user === undefined || gistId === undefined || !/^[0-9a-f]+$/i.test(gistId) || extra.length > 0) return null;
      const tail = file === undefined ? '' : `/${file}`;
      return { kind: 'persistent', key: `gist:${user.toLowerCase()}/${gistId.toLowerCase()}${tail}` };
    }
    case 'notebooks': {
      const [file, ...extra] = rest;
      if (file === undefined || extra.length > 0 || !file.endsWith('.ipynb')) return null;
      const name = file.slice(0, -'.ipynb'.length);
      if (name === '') return null;
      return SCRATCH_NOTEBOOKS.has(name) ? { kind: 'ephemeral', reason: 'scratch' } : { kind: 'persistent', key: `builtin:${name}` };
    }
    default:
      return null;
  }
}
