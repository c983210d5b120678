/**
 * One line that says what a stored step does, for the step list: its parameters as
 * "Label: value" with the dialog's labels (lists joined by commas, code by its first line),
 * shortened. Pure: the translator is passed in.
 */
import type { PresetStep } from '../presets';
import { recipeFields, type RecipeMessageKey } from '../recipes';

const MAX = 120;

function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function stepSummary(step: PresetStep, translate: (key: RecipeMessageKey) => string): string {
  const params = step.params as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of recipeFields(step.recipe)) {
    const value = params[field.name];
    if (field.kind === 'checkbox') {
      if (value === true) parts.push(translate(field.label));
    } else if (Array.isArray(value)) {
      if (value.length > 0) parts.push(`${translate(field.label)}: ${value.join(', ')}`);
    } else if (typeof value === 'string' && value !== '') {
      const lines = value.split('\n');
      const shown = field.kind === 'multiline' && lines.length > 1 ? `${lines[0] ?? ''} …` : value;
      parts.push(`${translate(field.label)}: ${shown}`);
    }
  }
  return shorten(parts.join(' · '), MAX);
}
