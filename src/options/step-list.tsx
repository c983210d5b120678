/**
 * The steps of the preset being edited, in order: each with Edit (when it has parameters),
 * Move up, Move down and Remove. Moving keeps focus on the moved step's button and announces the
 * new position; the buttons at either end stay focusable (aria-disabled) so focus is never lost.
 * Every change is checked against the step the user saw (a change elsewhere refuses it).
 */
import { useRef, useState } from 'preact/hooks';
import type { Preset, PresetStep, PresetStore } from '../presets';
import { RECIPES, labelledStepSummary, recipeFields } from '../recipes';
import { t } from '../shared/i18n';
import { AddStepForm } from './add-step-form';
import { Alert } from './alert';
import { useFocusLater } from './focus-later';
import { moveStep, removeStep } from './preset-edits';
import { StepEditForm } from './step-edit-form';
import { writePreset } from './store-writes';

export function StepList(props: { preset: Preset; onStore: (store: PresetStore) => void; announce: (text: string) => void }) {
  const { preset, onStore, announce } = props;
  const [editing, setEditing] = useState<number | null>(null);
  const [messages, setMessages] = useState<readonly string[]>([]);
  const listRef = useRef<HTMLOListElement>(null);
  const focusLater = useFocusLater(() => listRef.current);
  const total = preset.steps.length;
  const title = (step: PresetStep) => t(RECIPES[step.recipe].title);
  const focusStep = (index: number, action: string) => focusLater(`li[data-step="${index}"] [data-action="${action}"]`);

  const move = async (from: number, to: number, action: 'up' | 'down') => {
    const step = preset.steps[from];
    if (!step || to < 0 || to >= total) return;
    const result = await writePreset(preset.id, (p) => moveStep(p, from, to, step));
    if (!result.ok) {
      setMessages(result.messages);
      return;
    }
    setMessages([]);
    if (editing === from) setEditing(to);
    else if (editing === to) setEditing(from);
    onStore(result.store);
    focusStep(to, action);
    announce(t('editorStepMoved', [title(step), String(to + 1), String(total)]));
  };

  const remove = async (index: number) => {
    const step = preset.steps[index];
    if (!step) return;
    const result = await writePreset(preset.id, (p) => removeStep(p, index, step));
    if (!result.ok) {
      setMessages(result.messages);
      return;
    }
    setMessages([]);
    if (editing === index) setEditing(null);
    else if (editing !== null && editing > index) setEditing(editing - 1);
    onStore(result.store);
    // Focus the step that took its place (or the new last one), else the Add step button.
    const next = Math.min(index, total - 2);
    if (next >= 0) focusStep(next, 'remove');
    announce(t('editorStepRemoved', title(step)));
  };

  return (
    <>
      {messages.length > 0 && <Alert title={t('editorNotSaved')} messages={messages} />}
      <ol class="steps" ref={listRef} aria-label={t('editorSteps')}>
        {preset.steps.map((step, index) => {
          const name = title(step);
          const position = [String(index + 1), name];
          const summary = labelledStepSummary(step, t);
          const first = index === 0;
          const last = index === total - 1;
          return (
            <li key={index} data-step={index}>
              <div class="step-head">
                <span class="step-title">{name}</span>
                {summary && <span class="muted step-summary"> {summary}</span>}
              </div>
              <div class="row step-actions">
                {recipeFields(step.recipe).length > 0 && (
                  <button type="button" data-action="edit" aria-expanded={editing === index} aria-label={t('editorEditStep', position)} onClick={() => setEditing(editing === index ? null : index)}>
                    {t('editorEdit')}
                  </button>
                )}
                <button type="button" data-action="up" aria-disabled={first} aria-label={t('editorMoveUp', position)} onClick={() => !first && void move(index, index - 1, 'up')}>
                  <span aria-hidden="true">↑ </span>
                  {t('editorMoveUpShort')}
                </button>
                <button type="button" data-action="down" aria-disabled={last} aria-label={t('editorMoveDown', position)} onClick={() => !last && void move(index, index + 1, 'down')}>
                  <span aria-hidden="true">↓ </span>
                  {t('editorMoveDownShort')}
                </button>
                <button type="button" data-action="remove" aria-label={t('editorRemoveStep', position)} onClick={() => void remove(index)}>
                  {t('editorRemove')}
                </button>
              </div>
              {editing === index && (
                <StepEditForm
                  presetId={preset.id}
                  index={index}
                  step={preset.steps[index]}
                  onCancel={() => {
                    setEditing(null);
                    focusStep(index, 'edit');
                  }}
                  onSaved={(result) => {
                    setEditing(null);
                    onStore(result.store);
                    focusStep(index, 'edit');
                    announce(t('editorStepSaved', position));
                  }}
                />
              )}
            </li>
          );
        })}
      </ol>
      <AddStepForm
        presetId={preset.id}
        onAdded={(store, step) => {
          onStore(store);
          announce(t('editorStepAdded', title(step)));
        }}
      />
    </>
  );
}
