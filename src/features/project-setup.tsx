/**
 * "Set up this project" (issue 18): on a GitHub notebook no preset covers, the toolbar offers to
 * clone the repository inside the runtime (shallow, at the notebook's branch), read its own setup
 * files there, and propose a preset. The reading is one Launchpad cell that installs nothing; the
 * worker turns its result line into steps; the review dialog lets the user remove and edit them.
 * Nothing is saved before Save and run; then the preset is saved bound to `github:<owner>/<repo>`
 * and the toolbar's own Run setup runs it at once (`onSaved`), like any Run setup.
 */
import { useRef, useState } from 'preact/hooks';
import { RECIPES, fieldParams, fieldValues, formatIssue, isRecipeId, recipeFields, validateParams, type DialogValues } from '../recipes';
import { projectBranches, projectRepoOf, readingSteps, repositoryKey, type ProjectRepo } from '../recipes/project-repo';
import { t } from '../shared/i18n';
import { BackgroundError, askBackground, type SetupPlan } from '../shared/messages';
import { Dialog } from '../ui/dialog';
import { Icon } from '../ui/icons';
import { ParamFields } from '../ui/param-fields';
import { byUser, userSubmit } from '../ui/user-action';
import { ProjectBranchChoice } from './project-branch';
import { cellCode, runCell } from './run-recipe';
import { stepLabel, usePlans } from './run-setup';

interface Step {
  readonly recipe: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly source: string;
}

type Phase =
  | { readonly kind: 'idle' }
  /** Reading at `tried` failed and the address allows longer branches: the user chooses one (project-branch.tsx). */
  | { readonly kind: 'branch'; readonly tried: string; readonly branches: readonly string[] }
  | { readonly kind: 'reading' }
  | { readonly kind: 'review'; readonly repo: ProjectRepo; readonly steps: readonly Step[]; readonly notes: readonly string[] };

const repoName = (repo: ProjectRepo) => `${repo.owner}/${repo.repo}`;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ProjectSetup(props: {
  notebook: string | null;
  signal: AbortSignal;
  checkAlive: () => boolean;
  tabIndex: number;
  announce: (text: string) => void;
  /** The user chose Save and run, and the preset was saved: the toolbar's Run setup runs `plan` now. */
  onSaved: (plan: SetupPlan) => void;
}) {
  const { notebook, signal, checkAlive, tabIndex, announce, onSaved } = props;
  const repo = notebook === null ? undefined : projectRepoOf(notebook);
  const { plans, problem } = usePlans(repo ? notebook : null, signal);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  // Only where no preset covers the notebook yet (and the presets could be read).
  if (!repo || plans.length > 0 || problem !== '') return null;
  const name = repoName(repo);

  // The first folder is read first: if it is a branch, git allows no longer one (`a` and `a/b` cannot both be branches).
  const branches = notebook === null ? [] : projectBranches(notebook);

  // Through byUser (or the branch choice's userSubmit): only the user's own click clones and reads the repository.
  const read = async (repo: ProjectRepo) => {
    if ((phase.kind !== 'idle' && phase.kind !== 'branch') || !checkAlive()) return;
    setPhase({ kind: 'reading' });
    announce(t('projectReading', name));
    const failed = (detail: string, cloned = true) => {
      if (signal.aborted) return;
      const longer = cloned ? [] : branches.slice(branches.indexOf(repo.branch) + 1);
      setPhase(longer.length > 0 ? { kind: 'branch', tried: repo.branch, branches: longer } : { kind: 'idle' });
      announce(t('projectReadFailed', [name, detail]));
    };
    const code = await cellCode(readingSteps(repo), 'read-project');
    if (!code.ok) return failed(code.detail);
    const result = await runCell(code, { at: 'top', after: '' }, location.href, signal);
    if (signal.aborted || result.kind === 'abandoned') return;
    // The cell failed, perhaps at the clone: the branch may be a longer one.
    if (result.kind !== 'done') return failed(result.kind === 'failed' ? result.error : result.kind === 'unverified' ? result.reason : result.detail, false);
    try {
      const answer = await askBackground({ type: 'project-proposal', output: result.stdout, ...repo });
      if (signal.aborted) return;
      if (!answer.ok) return failed(answer.problems.join(' '));
      announce('');
      setPhase({ kind: 'review', repo, steps: answer.steps, notes: answer.notes });
    } catch (error) {
      if (!(error instanceof BackgroundError)) throw error;
      failed(error.message);
    }
  };

  return (
    <>
      <button
        type="button"
        class="recipe project-button"
        data-entry="set-up-project"
        title={t('projectSetUpTitle', name)}
        tabIndex={tabIndex}
        aria-busy={phase.kind === 'reading' ? 'true' : undefined}
        aria-disabled={phase.kind === 'reading' ? 'true' : undefined}
        onClick={byUser(() => void read(repo))}
      >
        <Icon name={phase.kind === 'reading' ? 'running' : 'launch'} class={phase.kind === 'reading' ? 'icon spin' : 'icon'} />
        <span>{t('projectSetUp')}</span>
      </button>
      {phase.kind === 'branch' && (
        <ProjectBranchChoice repoName={name} tried={phase.tried} branches={phase.branches} onClose={() => setPhase({ kind: 'idle' })} onChoose={(branch) => void read({ ...repo, branch })} />
      )}
      {phase.kind === 'review' && (
        <ProjectReview
          repo={phase.repo}
          steps={phase.steps}
          notes={phase.notes}
          onClose={() => setPhase({ kind: 'idle' })}
          onSaved={(plan) => {
            announce(t('projectSaved', [plan.name, name]));
            setPhase({ kind: 'idle' });
            onSaved(plan);
          }}
        />
      )}
    </>
  );
}

/** The review: each proposed step with its file, removable and editable with the catalogue's checks; Save and run or Cancel. */
function ProjectReview(props: { repo: ProjectRepo; steps: readonly Step[]; notes: readonly string[]; onClose: () => void; onSaved: (plan: SetupPlan) => void }) {
  const { repo, notes, onClose, onSaved } = props;
  const [steps, setSteps] = useState(props.steps);
  const [editing, setEditing] = useState<{ index: number; values: DialogValues; problems: readonly string[] } | null>(null);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [saving, setSaving] = useState(false);
  const ids = useRef(`lp-project-${Math.random().toString(36).slice(2, 8)}`).current;
  const name = repoName(repo);

  const edit = (index: number) => {
    const step = steps[index];
    if (!step || !isRecipeId(step.recipe)) return;
    setEditing({ index, values: fieldValues(recipeFields(step.recipe), step.params), problems: [] });
  };

  const apply = () => {
    const step = editing && steps[editing.index];
    if (!editing || !step || !isRecipeId(step.recipe)) return;
    const checked = validateParams(step.recipe, fieldParams(step.recipe, editing.values));
    if (!checked.ok) return setEditing({ ...editing, problems: checked.issues.map((issue) => formatIssue(issue, t)) });
    setSteps((current) => current.map((s, i) => (i === editing.index ? { ...s, params: { ...checked.params } } : s)));
    setEditing(null);
  };

  // Through userSubmit: only the user's own click on Save and run (or Enter) saves, never a script's requestSubmit().
  const save = async () => {
    if (saving) return;
    if (steps.length === 0) return setProblems([t('projectNoSteps')]);
    setSaving(true);
    try {
      const answer = await askBackground({ type: 'save-preset', notebook: repositoryKey(repo), name, steps: steps.map(({ recipe, params }) => ({ recipe, params })) });
      if (answer.ok) onSaved(answer.plan);
      else setProblems(answer.problems);
    } catch (error) {
      setProblems([errorText(error)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={t('projectReviewTitle', name)} onClose={onClose} describedBy={`${ids}-desc`}>
      <p id={`${ids}-desc`} class="dialog-desc">
        {t('projectReviewDesc', name)}
      </p>
      <form {...userSubmit(() => void save(), { activation: true })} noValidate>
        <fieldset class="field steps project-steps">
          <legend>{t('projectStepsLegend')}</legend>
          <ol>
            {steps.map((step, index) => {
              const label = stepLabel(step);
              const recipe = isRecipeId(step.recipe) ? RECIPES[step.recipe] : undefined;
              return (
                <li key={`${index}-${step.recipe}`}>
                  <span class="label">{label}</span>
                  <span class="source">{step.source ? t('projectFromFile', step.source) : t('projectFromRepo')}</span>
                  {editing?.index === index && recipe ? (
                    <div class="project-edit">
                      <ParamFields
                        fields={recipeFields(recipe.id)}
                        values={editing.values}
                        onChange={(field, value) => setEditing({ ...editing, values: { ...editing.values, [field]: value } })}
                        invalid={new Set(editing.problems.length > 0 ? recipeFields(recipe.id).map((f) => f.name) : [])}
                        idPrefix={`${ids}-edit-${index}`}
                      />
                      {editing.problems.length > 0 && (
                        <div class="dialog-alert" role="alert">
                          {editing.problems.map((text) => (
                            <p key={text}>{text}</p>
                          ))}
                        </div>
                      )}
                      <button type="button" onClick={apply}>
                        {t('projectApplyEdit')}
                      </button>
                    </div>
                  ) : (
                    <span class="step-actions">
                      {recipe && recipeFields(recipe.id).length > 0 && (
                        <button type="button" aria-label={t('projectEditStepLabel', [String(index + 1), label])} onClick={() => edit(index)}>
                          {t('projectEditStep')}
                        </button>
                      )}
                      <button
                        type="button"
                        aria-label={t('projectRemoveStepLabel', [String(index + 1), label])}
                        onClick={() => {
                          setEditing(null);
                          setSteps((current) => current.filter((_, i) => i !== index));
                        }}
                      >
                        {t('projectRemoveStep')}
                      </button>
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </fieldset>
        {notes.length > 0 && (
          <section class="project-notes" aria-labelledby={`${ids}-notes`}>
            <h3 id={`${ids}-notes`}>{t('projectNotesTitle')}</h3>
            <ul>
              {notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </section>
        )}
        {problems.length > 0 && (
          <div class="dialog-alert" role="alert">
            {problems.map((text) => (
              <p key={text}>{text}</p>
            ))}
          </div>
        )}
        <div class="actions">
          <button type="button" onClick={onClose}>
            {t('dialogCancel')}
          </button>
          <button type="submit" class="primary" disabled={saving || editing !== null}>
            {t('projectSaveAndRun')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
