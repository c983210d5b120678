// Which notebook a Colab URL opens (colab-dom.md §3). Pure; imported both by serve.mjs (Node, for
// the <title> of the HTML shell) and by the replica page (which also sees the #fragment).

const DRIVE_NAMES = ['Untitled0.ipynb', 'train_model.ipynb', 'Copy of Getting started.ipynb', 'fine_tune_llm.ipynb',
  'Untitled3.ipynb', 'yolo_training.ipynb', 'homework2.ipynb', 'data_cleaning.ipynb'];

/**
 * Drive notebooks with a fixed name, so the landing page's "Recent" list (row 1) and the notebook it
 * opens agree. Other Drive ids get a name derived from their id.
 * @type {Record<string, string>}
 */
const KNOWN_DRIVE_NAMES = { '1Vp3AzLkkB_Z2xYqQ-9fT7uPl0wRbCdEf': 'Thesis setup.ipynb' };

/**
 * The landing page's "Recent" notebooks (row 1 names the list; its entries are invented): paths on
 * the Colab host.
 */
export const RECENT_NOTEBOOKS = Object.freeze([
  '/drive/1Vp3AzLkkB_Z2xYqQ-9fT7uPl0wRbCdEf',
  '/drive/1hN0tHeRnOtEb00kXyZ_abcdEFGH-12',
  '/github/googlecolab/colabtools/blob/main/notebooks/colab-github-demo.ipynb',
]);

/**
 * Whether a path is the bare origin, which since 2026-07 opens a home page with a "Recent" list
 * instead of a notebook (colab-dom-2026H2 row 1, N1). The fragment can still name a notebook.
 * @param {string} pathname
 */
export function isLandingPath(pathname) {
  return pathname === '/' || pathname === '';
}

/**
 * Whether a URL opens the landing page: the bare origin with no `#fileId=` / `#create=true` (§3).
 * @param {string} pathname
 * @param {string} hash
 */
export function isLandingPage(pathname, hash) {
  const frag = new URLSearchParams(hash.replace(/^#/, ''));
  return isLandingPath(pathname) && !frag.get('fileId') && frag.get('create') !== 'true';
}

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
  if (segs[0] === 'drive' && segs[1]) return { source: 'drive', fileId: segs[1], name: KNOWN_DRIVE_NAMES[segs[1]] ?? DRIVE_NAMES[hashStr(segs[1]) % DRIVE_NAMES.length] ?? 'Untitled0.ipynb' };
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
