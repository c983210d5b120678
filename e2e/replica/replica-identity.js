// Which notebook a Colab URL opens (colab-dom.md §3). Pure; imported both by serve.mjs (Node, for
// the <title> of the HTML shell) and by the replica page (which also sees the #fragment).

const DRIVE_NAMES = ['Untitled0.ipynb', 'train_model.ipynb', 'Copy of Getting started.ipynb', 'fine_tune_llm.ipynb',
  'Untitled3.ipynb', 'yolo_training.ipynb', 'homework2.ipynb', 'data_cleaning.ipynb'];

/**
 * FNV-1a hash of a string (deterministic names and cell ids).
 * @param {string} s
 * @returns {number}
 */
export function hashStr(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** @param {string} s */
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * @typedef {{ source: 'drive' | 'github' | 'gist' | 'url', fileId: string, name: string }} NotebookIdentity
 */

/**
 * Which notebook a URL opens: `{ source, fileId, name }`. Drive notebooks get a name derived from
 * their id (the replica has no Drive); others are named after the last path segment.
 * @param {string} origin e.g. `https://colab.research.google.com`
 * @param {string} pathname
 * @param {string} hash with or without the leading `#`
 * @returns {NotebookIdentity}
 */
export function notebookIdentity(origin, pathname, hash) {
  const segs = pathname.split('/').filter(Boolean).map(safeDecode);
  const frag = new URLSearchParams(hash.replace(/^#/, ''));
  /** @param {string} p */
  const base = (p) => p.split(/[/?#]/).filter(Boolean).pop() || 'Untitled0.ipynb';
  if (segs[0] === 'drive' && segs[1]) return { source: 'drive', fileId: segs[1], name: DRIVE_NAMES[hashStr(segs[1]) % DRIVE_NAMES.length] ?? 'Untitled0.ipynb' };
  if ((segs[0] === 'github' || segs[0] === 'gist') && segs.length > 1) {
    const rest = segs.slice(1).join('/');
    return { source: segs[0], fileId: rest, name: base(rest) };
  }
  if (segs[0] === 'notebooks' && segs[1]) return { source: 'url', fileId: `${origin}/notebooks/${segs.slice(1).join('/')}`, name: base(segs.join('/')) };
  const fileId = frag.get('fileId');
  if (fileId) return { source: 'url', fileId, name: base(fileId.replace(/^[a-z]+:\/\/[^/]*/i, '')) };
  if (frag.get('create') === 'true') return { source: 'drive', fileId: '', name: 'Untitled0.ipynb' };
  return { source: 'url', fileId: `${origin}/notebooks/intro.ipynb`, name: 'Welcome To Colab' };
}
