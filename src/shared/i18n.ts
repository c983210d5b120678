import type en from '../../public/_locales/en/messages.json';
import browser from './browser';

/** Every UI string has a key in public/_locales/en/messages.json; the type keeps callers honest. */
export type MessageKey = keyof typeof en;

/**
 * Looks up a localised string. Falls back to the key itself so a missing translation is visible
 * rather than an empty label (and so an orphaned content script, whose i18n API is gone, cannot throw).
 */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  try {
    return browser.i18n.getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
}
