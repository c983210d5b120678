/**
 * Isolated-world entry of "Check compatibility", injected into a Colab tab by the popup only when
 * the user asks (chrome.scripting.executeScript), so the content script never carries it. It
 * leaves one function in the extension's isolated world, which the popup calls next; Colab's page
 * cannot see it.
 */
import { runCompatCheck } from '../colab/self-test';

const CHECK_TIMEOUT_MS = 15_000;

(globalThis as unknown as { launchpadSelfTest?: () => Promise<unknown> }).launchpadSelfTest = () => runCompatCheck(AbortSignal.timeout(CHECK_TIMEOUT_MS));
