/**
 * Set up this project on a notebook whose address does not say where its branch ends: Colab's
 * `/blob/release/2.x/nb/a.ipynb` may be branch `release`, `release/2.x` or `release/2.x/nb`.
 * Launchpad asks no server which exists; when reading at the first failed, the user chooses one
 * of the longer ones (the first is checked), and nothing more is cloned until they do.
 */
import { useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { Dialog } from '../ui/dialog';
import { userSubmit } from '../ui/user-action';

export function ProjectBranchChoice(props: { repoName: string; tried: string; branches: readonly string[]; onChoose: (branch: string) => void; onClose: () => void }) {
  const { repoName, tried, branches, onChoose, onClose } = props;
  const [chosen, setChosen] = useState(branches[0] ?? '');
  const ids = useRef(`lp-branch-${Math.random().toString(36).slice(2, 8)}`).current;
  return (
    <Dialog title={t('projectBranchTitle', repoName)} onClose={onClose} describedBy={`${ids}-desc`}>
      {/* Through userSubmit: only the user's own click (or Enter) clones, never a script's requestSubmit(). */}
      <form {...userSubmit(() => onChoose(chosen), { activation: true })} noValidate>
        <fieldset class="field project-branches">
          <legend id={`${ids}-desc`}>{t('projectBranchDesc', tried)}</legend>
          {branches.map((branch) => (
            <label key={branch}>
              <input type="radio" name={`${ids}-branch`} value={branch} checked={chosen === branch} onChange={() => setChosen(branch)} />
              <code>{branch}</code>
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="button" onClick={onClose}>
            {t('dialogCancel')}
          </button>
          <button type="submit" class="primary">
            {t('projectSetUp')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
