/**
 * A step being typed: which recipe (a select, unless the recipe is fixed) and its parameters with
 * the toolbar dialog's fields. `useStepDraft().check()` validates exactly like the dialog
 * (`validateParams` on the dialog's raw parameters): on refusal the fields are marked invalid, the
 * first one is focused and `issues` name them (shown by `StepIssues` as a role=alert).
 */
import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { canonicalJson } from '../presets/canonical';
import type { PresetStep, StepParams } from '../presets';
import { RECIPES, RECIPE_IDS, fieldParams, fieldValues, formatIssue, recipeFields, validateParams, type DialogValues, type ParamIssue, type RecipeId } from '../recipes';
import { t } from '../shared/i18n';
import { ParamFields } from '../ui/param-fields';
import { Alert } from './alert';

export interface StepDraft {
  readonly recipe: RecipeId;
  readonly values: DialogValues;
  readonly issues: readonly ParamIssue[];
  /** The values differ from the ones the draft started from (or was last reset to). */
  readonly dirty: boolean;
  setRecipe(recipe: RecipeId): void;
  set(name: string, value: string | boolean): void;
  /** Starts over from a stored step (or the empty form of a recipe). */
  reset(step: PresetStep): void;
  /** The validated step, or undefined after showing why not (focus goes to the first bad field). */
  check(form: HTMLFormElement | null): PresetStep | undefined;
  /** Extra refusals that are not about one field (the store's, a conflict). */
  readonly messages: readonly string[];
  setMessages(messages: readonly string[]): void;
}

const valuesOf = (step: PresetStep) => fieldValues(recipeFields(step.recipe), step.params as Record<string, unknown>);

export function useStepDraft(initial: PresetStep): StepDraft {
  const [recipe, setRecipeState] = useState<RecipeId>(initial.recipe);
  const [values, setValues] = useState<DialogValues>(() => valuesOf(initial));
  const [issues, setIssues] = useState<readonly ParamIssue[]>([]);
  const [messages, setMessages] = useState<readonly string[]>([]);
  const base = useRef(canonicalJson({ recipe: initial.recipe, values: valuesOf(initial) }));
  return {
    recipe,
    values,
    issues,
    messages,
    setMessages,
    dirty: canonicalJson({ recipe, values }) !== base.current,
    setRecipe: (next) => {
      setRecipeState(next);
      setValues(valuesOf({ recipe: next, params: {} }));
      setIssues([]);
      setMessages([]);
    },
    set: (name, value) => setValues((current) => ({ ...current, [name]: value })),
    reset: (step) => {
      base.current = canonicalJson({ recipe: step.recipe, values: valuesOf(step) });
      setRecipeState(step.recipe);
      setValues(valuesOf(step));
      setIssues([]);
      setMessages([]);
    },
    check: (form) => {
      setMessages([]);
      const result = validateParams(recipe, fieldParams(recipe, values));
      if (!result.ok) {
        setIssues(result.issues);
        const first = result.issues[0]?.field;
        form?.querySelector<HTMLElement>(`[name="${CSS.escape(first ?? '')}"]`)?.focus();
        return undefined;
      }
      setIssues([]);
      return { recipe, params: result.params as StepParams };
    },
  };
}

/** The recipe select (when `choose`) and the fields of the draft's recipe. */
export function StepFields(props: { draft: StepDraft; choose: boolean; idPrefix: string; recipeRef?: RefObject<HTMLSelectElement> }) {
  const { draft, choose, idPrefix, recipeRef } = props;
  const fields = recipeFields(draft.recipe);
  const selectId = `${idPrefix}-recipe`;
  return (
    <>
      {choose && (
        <div class="field">
          <label for={selectId}>{t('editorRecipe')}</label>
          <select id={selectId} ref={recipeRef} value={draft.recipe} aria-describedby={`${selectId}-desc`} onChange={(e) => draft.setRecipe(e.currentTarget.value as RecipeId)}>
            {RECIPE_IDS.map((id) => (
              <option key={id} value={id}>
                {t(RECIPES[id].title)}
              </option>
            ))}
          </select>
          <small class="hint" id={`${selectId}-desc`}>
            {t(RECIPES[draft.recipe].description)}
          </small>
        </div>
      )}
      {fields.length === 0 && <p class="muted">{t('editorNoSettings')}</p>}
      <ParamFields fields={fields} values={draft.values} onChange={draft.set} invalid={new Set(draft.issues.map((i) => i.field))} idPrefix={idPrefix} />
    </>
  );
}

/** The refusals of a draft (fields, store, conflicts): one role=alert, nothing when there are none. */
export function StepIssues(props: { draft: StepDraft }) {
  const { issues, messages } = props.draft;
  if (issues.length === 0 && messages.length === 0) return null;
  return (
    <Alert
      title={t('editorNotSaved')}
      messages={[...issues.map((issue) => formatIssue(issue, t)), ...messages]}
    />
  );
}
