/**
 * chrome.i18n.getMessage for tests outside the extension: a locale's messages.json with its
 * named placeholders filled from $1, $2… as Chrome fills them. Lets unit, real-IPython and e2e
 * tests build exactly the text the extension builds in that UI language.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Translate } from '../src/recipes';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function translator(locale = 'en'): Translate {
  const file = path.resolve(import.meta.dirname, '../public/_locales', locale, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Messages;
  return (key, substitutions) => {
    const entry = messages[key];
    if (!entry) return key;
    const subs = ([] as string[]).concat(substitutions ?? []);
    const filled = (content: string) => content.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    return entry.message.replace(/\$([A-Za-z_]+)\$/g, (whole, name: string) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? filled(placeholder.content) : whole;
    });
  };
}
