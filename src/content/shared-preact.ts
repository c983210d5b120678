/**
 * The one Preact of the isolated world. The content script puts these on an isolated-world global;
 * the on-demand bundle is built with `preact`, `preact/hooks` and `preact/jsx-runtime` resolved to
 * ./shared-preact/shim.ts, which reads them back, so its components render inside the toolbar's own
 * tree (one set of hook slots, one options object). A name the on-demand code uses and this list
 * lacks fails its build ("missing export").
 */
import { Fragment, createElement, render } from 'preact';
import { useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { jsx, jsxs } from 'preact/jsx-runtime';
import { ON_DEMAND_GLOBAL, SHARED_PREACT_GLOBAL } from '../shared/on-demand';

const SHARED_PREACT = { Fragment, createElement, render, useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, jsx, jsxs };
export type SharedPreact = typeof SHARED_PREACT;

/**
 * Shares this copy's Preact. Parts an older copy of the content script loaded in this world (before
 * an extension update) were built on that copy's Preact: they are forgotten, and loaded afresh.
 */
export function sharePreact(): void {
  const world = globalThis as unknown as Record<string, unknown>;
  world[SHARED_PREACT_GLOBAL] = SHARED_PREACT;
  Reflect.deleteProperty(world, ON_DEMAND_GLOBAL);
}
