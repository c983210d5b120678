import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = path.resolve(import.meta.dirname, '../../public/_locales');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string) => JSON.parse(readFileSync(path.join(LOCALES, locale, 'messages.json'), 'utf8')) as Messages;
const placeholdersIn = (text: string) => [...text.matchAll(/\$([A-Z_]+)\$/g)].map((m) => m[1]?.toLowerCase()).sort();

const en = load('en');
const others = readdirSync(LOCALES).filter((l) => l !== 'en');

describe('locales', () => {
  it('ships English and Simplified Chinese', () => {
    expect(others).toContain('zh_CN');
  });

  it.each(others)('%s translates every English message and no others', (locale) => {
    expect(Object.keys(load(locale)).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(others)('%s uses the same placeholders as English', (locale) => {
    const messages = load(locale);
    for (const [key, { message, placeholders }] of Object.entries(en)) {
      const translated = messages[key];
      expect(placeholdersIn(translated?.message ?? ''), key).toEqual(placeholdersIn(message));
      expect(Object.keys(translated?.placeholders ?? {}).sort(), key).toEqual(Object.keys(placeholders ?? {}).sort());
    }
  });

  it('declares every placeholder a message uses', () => {
    for (const [key, { message, placeholders }] of Object.entries(en)) {
      for (const name of placeholdersIn(message)) expect(placeholders?.[name ?? ''], `${key}: $${name}$`).toBeDefined();
    }
  });

  it('leaves no English text untranslated in zh_CN except names', () => {
    const zh = load('zh_CN');
    const sameAsEnglish = Object.keys(en).filter((k) => zh[k]?.message === en[k]?.message);
    expect(sameAsEnglish.sort()).toEqual(['extName', 'popupTitle', 'toolbarBrand', 'toolbarLabel']);
  });
});
