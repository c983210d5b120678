import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every locale folder in public/_locales against English: the same keys, the same placeholders
 * (names and the $1-style content Chrome fills), every $NAME$ a message uses declared, nothing
 * empty. Chrome falls back to English for a missing key and prints a raw $NAME$ for an undeclared
 * one, so each of these would show the user broken text in that language only.
 */
const LOCALES = path.resolve(import.meta.dirname, '../../public/_locales');
type Placeholders = Record<string, { content: string }>;
type Messages = Record<string, { message: string; placeholders?: Placeholders }>;
const load = (locale: string) => JSON.parse(readFileSync(path.join(LOCALES, locale, 'messages.json'), 'utf8')) as Messages;
/** The named placeholders a message uses, lower-cased as Chrome matches them. */
const placeholdersIn = (text: string) => [...text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]?.toLowerCase() ?? '').sort();
/** A `$` that is neither `$$` (a literal dollar) nor part of `$NAME$`: Chrome would mangle it. */
const strayDollar = (text: string) => /\$/.test(text.replace(/\$\$/g, '').replace(/\$[A-Za-z0-9_@]+\$/g, ''));
const contents = (placeholders: Placeholders | undefined) =>
  Object.fromEntries(Object.entries(placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]));

const en = load('en');
const locales = readdirSync(LOCALES).filter((l) => l !== 'en');

/**
 * Messages that may read exactly as in English in any language: names and technical tokens
 * (the product, commands, units, a path: problem pair).
 */
const NAMES = ['extName', 'popupTitle', 'toolbarBrand', 'toolbarLabel', 'recipePipInstall', 'recipeAptInstall', 'paramUrl', 'badgeGpu', 'presetProblemAt', 'editorNotebookGist'];
/** Words a language spells as English does (checked by a translator, not copies). */
const SAME_WORDS: Record<string, string[]> = {
  zh_CN: [],
  de: ['dialogOptional', 'editorName', 'editorNameField', 'editorNotebooks'],
  es: ['popupDuration', 'popupDurationMinutes', 'setupStepTook'],
  fr: ['popupDuration', 'popupDurationMinutes', 'setupStepTook', 'popupNotificationsHeading', 'popupCellFinishedAfter', 'paramScriptArgs', 'editorNotebooks'],
  ja: [],
  hi: [],
  ko: [],
  ru: [],
  vi: [],
  // Indonesian UIs use these loanwords as they are.
  id: ['popupConnection', 'paramCdPath', 'paramCloneDest', 'compatFeatureToolbar'],
  pt_BR: ['popupDuration', 'popupDurationMinutes', 'setupStepTook', 'editorNotebooks', 'editorNotebookGithub'],
};

describe('locales', () => {
  it('ships English, Simplified Chinese and the ten languages of issue 20', () => {
    expect([...locales, 'en'].sort()).toEqual(['de', 'en', 'es', 'fr', 'hi', 'id', 'ja', 'ko', 'pt_BR', 'ru', 'vi', 'zh_CN']);
  });

  it('declares every placeholder an English message uses, with no stray $', () => {
    for (const [key, { message, placeholders }] of Object.entries(en)) {
      for (const name of placeholdersIn(message)) expect(contents(placeholders)[name], `${key}: $${name}$`).toBeDefined();
      expect(strayDollar(message), key).toBe(false);
    }
  });

  it('names in the manifest only messages English has', () => {
    const manifest = readFileSync(path.resolve(import.meta.dirname, '../../manifest.json'), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1] ?? '');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(en[key], key).toBeDefined();
  });

  describe.each(locales)('%s', (locale) => {
    const messages = load(locale);

    it('has every English message and no other', () => {
      const keys = Object.keys(messages);
      expect(Object.keys(en).filter((k) => !keys.includes(k)), 'missing').toEqual([]);
      expect(keys.filter((k) => !(k in en)), 'not in English').toEqual([]);
    });

    it('leaves no message empty', () => {
      for (const [key, entry] of Object.entries(messages)) {
        expect(typeof entry.message, key).toBe('string');
        expect(entry.message.trim(), key).not.toBe('');
      }
    });

    it('keeps the placeholders of English: the same names, the same $1-style content, each one declared', () => {
      for (const [key, english] of Object.entries(en)) {
        const translated = messages[key];
        if (!translated) continue; // reported by the completeness test
        expect(placeholdersIn(translated.message), `${key}: used`).toEqual(placeholdersIn(english.message));
        expect(contents(translated.placeholders), `${key}: declared`).toEqual(contents(english.placeholders));
        expect(strayDollar(translated.message), `${key}: stray $`).toBe(false);
      }
    });

    it('fits the store limits for the name (75) and description (132 characters)', () => {
      expect([...(messages.extName?.message ?? '')].length).toBeLessThanOrEqual(75);
      expect([...(messages.extDescription?.message ?? '')].length).toBeLessThanOrEqual(132);
    });

    it('translates every message except names and words spelled as in English', () => {
      const allowed = [...NAMES, ...(SAME_WORDS[locale] ?? [])];
      const same = Object.keys(en).filter((k) => messages[k]?.message === en[k]?.message && !allowed.includes(k));
      expect(same, 'identical to English').toEqual([]);
    });
  });
});
