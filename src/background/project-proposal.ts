/**
 * Set up this project in the worker: the reading cell's output → proposed steps (each checked by
 * the catalogue) and notes in the user's language. The parsing and the rules are
 * src/recipes/project.ts; the repository's names are checked here with GitHub's rules first.
 */
import { formatIssue, validateSteps } from '../recipes';
import { parseProjectOutput, proposeProject, type ProjectNote } from '../recipes/project';
import { isGitBranch, isGithubOwner, isGithubRepo } from '../shared/github-names';
import { t } from '../shared/i18n';
import type { BackgroundRequest, BackgroundResponse } from '../shared/messages';

const noteText = (note: ProjectNote) => t(note.message, [...note.substitutions, ...(note.issue ? [formatIssue(note.issue, t)] : [])]);

export function projectProposal(request: Extract<BackgroundRequest, { type: 'project-proposal' }>): BackgroundResponse<'project-proposal'> {
  const { owner, repo, branch, output } = request;
  if (!isGithubOwner(owner) || !isGithubRepo(repo) || !isGitBranch(branch)) {
    return { ok: false, problems: [t('projectReadFailed', [`${owner}/${repo}`, t('projectReadNoResult')])] };
  }
  const reading = parseProjectOutput(output);
  if (!reading) return { ok: false, problems: [t('projectReadFailed', [`${owner}/${repo}`, t('projectReadNoResult')])] };
  const proposal = proposeProject(reading, { owner, repo, branch });
  // The rules only make valid steps; checked again so a slip can never reach a preset.
  const valid = validateSteps(proposal.steps);
  if (!valid.ok) return { ok: false, problems: valid.issues.map((issue) => formatIssue(issue, t)) };
  return {
    ok: true,
    steps: proposal.steps.map((step) => ({ recipe: step.recipe, params: { ...step.params }, source: step.source })),
    notes: proposal.notes.map(noteText),
  };
}
