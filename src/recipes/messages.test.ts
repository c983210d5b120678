import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECIPES } from './catalogue';
import { TOOLBAR_ENTRIES } from './toolbar';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const en = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Messages;

/** Every key the catalogue and toolbar entries use, including those named in validation code. */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const recipe of Object.values(RECIPES)) {
    keys.add(recipe.title).add(recipe.description);
    for (const label of Object.values(recipe.labels)) keys.add(label);
  }
  for (const entry of TOOLBAR_ENTRIES) {
    keys.add(entry.title).add(entry.description);
    if (entry.kind === 'dialog') {
      for (const field of entry.fields) for (const key of [field.label, field.placeholder, field.hint]) if (key) keys.add(key);
    }
  }
  const sources = ['validate.ts', 'catalogue.ts'].map((file) => readFileSync(path.resolve(import.meta.dirname, file), 'utf8'));
  for (const source of sources) for (const match of source.matchAll(/'(invalid[A-Z]\w+|param[A-Z]\w+)'/g)) keys.add(match[1] ?? '');
  return keys;
}

describe('recipe messages', () => {
  it('exist in the English locale for every key the catalogue uses', () => {
    for (const key of usedKeys()) expect(en[key], key).toBeDefined();
  });

  it('leave no recipe, param or invalid key unused', () => {
    const used = usedKeys();
    const recipeKeys = Object.keys(en).filter((k) => /^(recipe|param|invalid)[A-Z0-9]/.test(k));
    expect(recipeKeys.filter((k) => !used.has(k))).toEqual([]);
  });

  it('put the field label first in every validation message ($FIELD$ = $1)', () => {
    for (const [key, { placeholders }] of Object.entries(en)) {
      if (key.startsWith('invalid') && placeholders?.field) expect(placeholders.field.content, key).toBe('$1');
    }
  });
});
