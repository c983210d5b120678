/**
 * `preact`, `preact/hooks` and `preact/jsx-runtime` as the on-demand bundle sees them (aliased by
 * vite.config.ts for that build only): the content script's own Preact (../shared-preact.ts).
 */
import { SHARED_PREACT_GLOBAL } from '../../shared/on-demand';
import type { SharedPreact } from '../shared-preact';

const shared = (globalThis as unknown as Record<string, SharedPreact | undefined>)[SHARED_PREACT_GLOBAL];
if (!shared) throw new Error('Colab Launchpad: the content script has not shared its Preact');

export const { Fragment, createElement, render, useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, jsx, jsxs } = shared;
export const h = createElement;
