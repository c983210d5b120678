/**
 * A short, one-line description of a step's parameters for lists (Run setup's status list, Save
 * as preset): "torch torchvision", "https://github.com/o/r → repo". Never trusted input for code:
 * only shown as text.
 */
const MAX = 60;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string').join(' ') : '');

function clip(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters would break the one-line list
  const line = text.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
  const chars = [...line];
  return chars.length > MAX ? `${chars.slice(0, MAX - 1).join('')}…` : line;
}

export function stepSummary(recipe: string, params: unknown): string {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  switch (recipe) {
    case 'cd':
      return clip(str(p.path));
    case 'pip-install':
    case 'apt-install':
      return clip(list(p.packages));
    case 'git-clone':
    case 'download':
      return clip(str(p.dest) ? `${str(p.url)} → ${str(p.dest)}` : str(p.url));
    case 'run-script':
      return clip([str(p.path), list(p.args)].filter(Boolean).join(' '));
    case 'copy':
      return clip(`${str(p.from)} → ${str(p.to)}`);
    case 'python':
      return clip(str(p.code).split('\n').find((line) => line.trim() !== '') ?? '');
    default:
      return '';
  }
}
