/**
 * Colab's UI follows the user's language (colab-dom-2026H2.md row 13: a real saved page in Spanish),
 * so text is the last signal Launchpad reads, after the page API and the page's structure. This
 * table holds only strings seen in real Colab pages or Colab's own code, per UI language; a
 * language that is not here (Chinese, Russian, …) is read from the API and structure alone. Never
 * add a translation that was not seen: a wrong string would turn into a wrong claim. Each pattern is
 * anchored to a whole line or label, so one language's strings never match another's.
 */
export interface UiTexts {
  /** First line of the connected tooltip ("Connected to"). */
  readonly connectedTo?: RegExp;
  /** The backend line of a connected CPU runtime, and its GPU/TPU forms where evidenced. */
  readonly backendCpu?: RegExp;
  readonly backendGpu?: RegExp;
  readonly backendTpu?: RegExp;
  /** First tooltip line while a cell runs. */
  readonly busy?: RegExp;
  /** The button's label while a runtime is being assigned or connected. */
  readonly connecting?: RegExp;
  /** The never-connected and the disconnected button (visible label or tooltip). */
  readonly notConnected?: RegExp;
  readonly disconnected?: RegExp;
  /** The "Runtime disconnected" dialog's heading and its Reconnect button. */
  readonly disconnectHeading?: RegExp;
  readonly reconnectButton?: RegExp;
  /** The "Are you still there?" presence check's title. */
  readonly stillThere?: RegExp;
  /** Colab's GPU usage-limit dialog: its heading and its primary button (which connects a CPU runtime). */
  readonly gpuLimitHeading?: RegExp;
  readonly gpuLimitConnectCpu?: RegExp;
}

export const UI_TEXTS: Readonly<Record<string, UiTexts>> = {
  en: {
    // colab-dom.md §1.2: S1 (a real page, 2026-03) and S9 [M].
    connectedTo: /^Connected to\b/m,
    backendCpu: /Google Compute Engine backend$/m,
    backendGpu: /Google Compute Engine backend \(GPU\)/,
    backendTpu: /Google Compute Engine backend \(TPU\)/,
    // §1.2, S9 [S].
    busy: /^Waiting to finish the current execution\./,
    connecting: /^(?:Connecting|Initializing|Resuming session|Reconnecting|Allocating)\b/i,
    // §1.2, S9 and S5 [M]; the disconnected form is also in a real page (2026H2 row 12, N6a). The
    // label can carry the accelerator ("Reconnect T4", colab-dom-2026-12 row 15): one trailing
    // word is allowed, the whole label is never compared.
    notConnected: /^\s*(?:Connect(?: [\w.-]+)?|Connect to a new runtime)\s*$/,
    disconnected: /^\s*(?:Reconnect(?: [\w.-]+)?|Click to connect)\s*$/,
    // §1.10, S4 (Colab's own strings) [S, authoritative].
    disconnectHeading: /^\s*Runtime disconnected\s*$/,
    reconnectButton: /^\s*Reconnect\s*$/,
    // 2026H2 row 9 (N4, 2026-04): the title reads "Are you still there…"; users also quote "still here" (§1.11).
    stillThere: /^\s*Are you still (?:there|here)/,
    // colab-dom-2026-12 row 14 (D2 ≈2026-10, D11 2026-06; S2): "Cannot connect to GPU backend", primary "Connect without GPU".
    gpuLimitHeading: /^\s*Cannot connect to GPU backend\s*$/,
    gpuLimitConnectCpu: /^\s*Connect without GPU\s*$/,
  },
  es: {
    // 2026H2 row 13 (N6b, a real saved page): "Conectado a\ndel backend de Google Compute Engine en Python 3\n…".
    connectedTo: /^Conectado a$/m,
    backendCpu: /^del backend de Google Compute Engine en Python 3$/m,
  },
};

/**
 * Whether `text` reads as `what` in any UI language of the table. Every table is consulted, not
 * only the one `<html lang>` names: the strings are anchored, so one language's string cannot
 * match another's, and a page whose `lang` is missing or wrong is still read right.
 */
export function readsAs(what: keyof UiTexts, text: string | null | undefined): boolean {
  if (!text) return false;
  return Object.values(UI_TEXTS).some((texts) => texts[what]?.test(text) === true);
}

/** The page's UI language as Colab declares it (`<html lang>`, 2026H2 row 15). */
export function pageLanguage(root: Document = document): string {
  return root.documentElement.getAttribute('lang') ?? '';
}
