/**
 * Notebook keys as stored in presets (the format src/colab/notebook-key.ts produces):
 * `drive:<id>`, `github:<owner>/<repo>/<branch>/<path….ipynb>`, `gist:<user>/<gistId>[/<file>]`,
 * `builtin:<name>`, `url:<http(s) URL>`, and `github:<owner>/<repo>` (every notebook of a repository,
 * what Set up this project binds). Pure, so presets do not depend on src/colab.
 *
 * A key is refused when it is longer than 2048 characters, contains a control character
 * (U+0000–U+001F, U+007F–U+009F) or a lone surrogate, or does not have one of those forms.
 */

export type NotebookKey = string;

export const MAX_NOTEBOOK_KEY_LENGTH = 2048;

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const DRIVE_ID = /^[A-Za-z0-9_-]{10,}$/;
const SEGMENT_OK = (s: string): boolean => s !== '' && s !== '.' && s !== '..';

function bodyOk(kind: string, body: string): boolean {
  switch (kind) {
    case 'drive':
      return DRIVE_ID.test(body);
    case 'github': {
      const segments = body.split('/');
      // `<owner>/<repo>`: every notebook of a repository (Set up this project saves one; issue 18 part 1 owns the full rules).
      if (segments.length === 2) return /^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/.test(segments[0] ?? '') && /^[A-Za-z0-9._-]+$/.test(segments[1] ?? '') && SEGMENT_OK(segments[1] ?? '');
      return segments.length >= 4 && segments.every(SEGMENT_OK) && (segments.at(-1) ?? '').toLowerCase().endsWith('.ipynb');
    }
    case 'gist': {
      const [user = '', gistId = '', ...rest] = body.split('/');
      return SEGMENT_OK(user) && /^[0-9a-f]+$/i.test(gistId) && rest.length <= 1 && rest.every(SEGMENT_OK);
    }
    case 'builtin':
      return body !== '' && !body.includes('/');
    case 'url': {
      try {
        const url = new URL(body);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
      } catch {
        return false;
      }
    }
    default:
      return false;
  }
}

/** Whether `value` is a notebook key a preset may be bound to. */
export function isNotebookKey(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > MAX_NOTEBOOK_KEY_LENGTH) return false;
  if (CONTROL.test(value) || LONE_SURROGATE.test(value)) return false;
  const colon = value.indexOf(':');
  if (colon <= 0) return false;
  return bodyOk(value.slice(0, colon), value.slice(colon + 1));
}
