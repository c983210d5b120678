/**
 * The setup a notebook carries (issue 18 part 4): a preset's steps written into the notebook as
 * one code cell of comments, so it survives every way a notebook travels ("Save a copy in Drive",
 * "Download .ipynb", a commit to GitHub: cells are proven to, metadata writes are not; see
 * README.md). A person reads the numbered list; Launchpad reads the last line, a presets file
 * (src/presets/file-format.ts, format id and version) holding exactly this one preset: its name,
 * steps, runtime, runtime version, locks (issue 19: the same versions on the reader's runtime of
 * the same key, shown in Review setup and kept only when the reader saves it) and checks. Never its
 * notebooks, ids, digests or switches. Running the cell does nothing.
 * Decoding validates it as an import does: an unknown recipe, a bad value or a newer format makes
 * the whole setup not runnable, with the reason. Pure.
 */
import { RECIPES, stepSummary, type Translate } from '../recipes';
import { RUNS_CODE } from '../recipes/runs-code';
import { CARRIED_SETUP_KEY } from '../shared/cell-keys';
import { markedCell } from '../shared/cell-marker';
import { checkLabel } from '../shared/setup-checks';
import { FILE_FORMAT, FILE_VERSION, fileLock, parseImportFile, type ImportedPreset } from './file-format';
import { sortKeys } from './canonical';
import { problem, type Problem } from './problems';
import type { Preset } from './schema';

/** The machine-readable line: this prefix, then the presets file as one line of JSON. */
export const CARRIED_LINE = '# launchpad-setup ';
/** Longest carried-setup cell read (a preset of 50 long steps fits easily). */
export const MAX_CARRIED_TEXT = 100_000;

/** One line of comment text: no line breaks or other control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const oneLine = (text: string) => text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ');

/** The cell for `preset`, in the writer's language (`t`); its marker lets Launchpad rewrite it in place. */
export function carriedSetupCell(preset: Pick<Preset, 'name' | 'steps' | 'runtime' | 'runtimeVersion' | 'locks' | 'checks'>, t: Translate): string {
  const file = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    presets: [{
      name: preset.name,
      steps: preset.steps.map((s) => ({ recipe: s.recipe, params: sortKeys(s.params) })),
      ...(preset.runtime ? { runtime: sortKeys(preset.runtime) } : {}),
      ...(preset.runtimeVersion ? { runtimeVersion: preset.runtimeVersion } : {}),
      ...(preset.locks?.length ? { locks: preset.locks.map(fileLock) } : {}),
      ...(preset.checks ? { checks: sortKeys(preset.checks) } : {}),
    }],
  };
  // JSON escapes line breaks; U+2028/2029 are escaped too, so the line stays one line everywhere.
  const json = JSON.stringify(file).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const steps = preset.steps.map((step, i) => {
    const summary = stepSummary(step.recipe, step.params);
    const title = t(RECIPES[step.recipe].title);
    return `#   ${i + 1}. ${oneLine(summary ? `${title}: ${summary}` : title)}${RUNS_CODE.has(step.recipe) ? ` [${oneLine(t('carriedRunsCode'))}]` : ''}`;
  });
  const checks = (preset.checks ?? []).map((check) => `#   - ${oneLine(checkLabel(check, t))}`);
  const body = [
    `# ${oneLine(t('carriedCellIntro'))}`,
    `# ${oneLine(t('carriedCellNothingRuns'))}`,
    '#',
    ...steps,
    ...(checks.length > 0 ? ['#', `# ${oneLine(t('checksHeading'))}:`, ...checks] : []),
    '#',
    `${CARRIED_LINE}${json}`,
  ].join('\n');
  return markedCell(`# ${oneLine(t('carriedCellTitle', preset.name))}`, CARRIED_SETUP_KEY, body);
}

export type CarriedSetup =
  | { readonly ok: true; readonly preset: ImportedPreset }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * The setup in a carried-setup cell's text, validated as a presets file of exactly one preset, or
 * why it cannot run. undefined when the text carries none.
 */
export function readCarriedSetup(text: string): CarriedSetup | undefined {
  if (text.length > MAX_CARRIED_TEXT) return { ok: false, problems: [problem('', 'presetFileTooLarge', [String(text.length), String(MAX_CARRIED_TEXT)])] };
  const line = text.split(/\r\n|\r|\n/).find((l) => l.startsWith(CARRIED_LINE));
  if (line === undefined) return undefined;
  const json = line.slice(CARRIED_LINE.length);
  const parsed = parseImportFile(json, json.length);
  if (!parsed.ok) return parsed;
  const [preset, ...more] = parsed.presets;
  if (!preset || more.length > 0) return { ok: false, problems: [problem('presets', 'presetCarriedOnePreset')] };
  return { ok: true, preset };
}
