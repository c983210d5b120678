/**
 * What the user pastes to bind a preset to a notebook, and how a bound notebook key reads. Pure:
 * Colab URLs become keys with the same function the content script uses (`notebookIdentity`), so
 * a key typed here is the key the notebook's page will look up.
 */
import { notebookIdentity } from '../colab/notebook-key';
import { isNotebookKey } from '../presets';

export type NotebookInput =
  | { readonly ok: true; readonly key: string }
  | { readonly ok: false; readonly reason: 'empty' | 'ephemeral' | 'not-a-notebook' };

/** A notebook key, or a Colab notebook URL turned into its key. */
export function parseNotebookInput(text: string): NotebookInput {
  const value = text.trim();
  if (value === '') return { ok: false, reason: 'empty' };
  if (isNotebookKey(value)) return { ok: true, key: value };
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
