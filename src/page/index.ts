/**
 * MAIN-world page script: answers the content script's bridge requests using Colab's page API.
 * It runs at document_start, long before Colab boots, and does nothing until asked. It trusts no
 * input: every request is parsed and validated, and nothing it does may throw into the page.
 */
import {
  BRIDGE_VERSION,
  PAGE_SCRIPT_STARTED_EVENT,
  TO_CONTENT_EVENT,
  TO_PAGE_EVENT,
  sameNotebook,
  parseDetail,
  type BridgeReply,
  type BridgeRequest,
  type CellOutcome,
} from '../colab/bridge-protocol';
import { parseRequest } from '../colab/bridge-requests';
import { ApiError, carriedSetupText, installCells, kernelState, notebookController, probeApi, pruneCells, reconnect, runCell, runtimeFact, runtimeInfo, userInteractionOccurred, writeCell } from './colab-api';

/** How long a request waits for Colab to create `window.colab` before calling it missing. */
const BOOT_GRACE_MS = 2_000;

const life = new AbortController();
// A copy of this script from before an extension update is still listening: tell it to retire
// before listening ourselves, so each request is answered once.
document.dispatchEvent(new CustomEvent(PAGE_SCRIPT_STARTED_EVENT));
document.addEventListener(PAGE_SCRIPT_STARTED_EVENT, () => life.abort(), { signal: life.signal });

/** Outcomes by cell id, newest last. */
const runs = new Map<string, Promise<CellOutcome>>();
const MAX_RUNS = 64;

function reply(message: BridgeReply): void {
  document.dispatchEvent(new CustomEvent(TO_CONTENT_EVENT, { detail: JSON.stringify(message) }));
}

async function handle(request: BridgeRequest): Promise<unknown> {
  switch (request.kind) {
    case 'runtime-info':
      return runtimeInfo();
    case 'user-interaction':
      return userInteractionOccurred(BOOT_GRACE_MS);
    case 'kernel-state':
      return kernelState();
    case 'reconnect':
      return reconnect();
    case 'probe-api':
      return probeApi(request.probes);
    case 'runtime-fact':
      return runtimeFact(request.fact, request.value);
    case 'await-completion': {
      // Kept after it settles: the content script asks again in slices (src/colab/bridge.ts).
      const completion = runs.get(request.cellId);
      if (!completion) throw new UnknownCell(request.cellId);
      return completion;
    }
    case 'run-cell': {
      const notebook = await openNotebook(request.address);
      const run = runCell(notebook, request.key, request.code, request.place);
      runs.delete(run.cellId);
      runs.set(run.cellId, run.completion);
      // The newest runs are enough (one Run setup has at most a few dozen cells).
      if (runs.size > MAX_RUNS) runs.delete(runs.keys().next().value as string);
      return run.placed;
    }
    case 'install-cells':
      return installCells(await notebookController(BOOT_GRACE_MS));
    case 'carried-setup':
      return { text: carriedSetupText(await notebookController(BOOT_GRACE_MS)) };
    case 'write-cell':
      return writeCell(await openNotebook(request.address), request.key, request.code);
    case 'prune-cells':
      return pruneCells(await openNotebook(request.address), request.prefix, request.keep.split(' '));
  }
}

class UnknownCell extends Error {}

/** The notebook controller, if the notebook the request is for is still the one open. */
async function openNotebook(address: string) {
  const notebook = await notebookController(BOOT_GRACE_MS);
  if (!sameNotebook(address, location.href)) throw new ApiError('notebook-changed', 'Another notebook is open now; nothing was written.');
  return notebook;
}

function onRequest(event: Event): void {
  const parsed = parseRequest(parseDetail((event as CustomEvent<unknown>).detail));
  if (!parsed.ok) {
    // Without a valid id there is nobody to answer; a request with a valid id but bad fields is answered.
    if (parsed.id !== undefined) reply({ v: BRIDGE_VERSION, id: parsed.id, ok: false, error: { code: 'bad-request', message: parsed.problem } });
    return;
  }
  const request = parsed.request;
  handle(request).then(
    (result) => reply({ v: BRIDGE_VERSION, id: request.id, ok: true, result }),
    (error: unknown) => {
      const code = error instanceof ApiError ? error.code : error instanceof UnknownCell ? 'unknown-cell' : 'api-changed';
      const message = error instanceof Error ? error.message : String(error);
      reply({ v: BRIDGE_VERSION, id: request.id, ok: false, error: { code, message: message.slice(0, 2000) } });
    },
  ).catch(() => undefined);
}

document.addEventListener(TO_PAGE_EVENT, onRequest, { signal: life.signal });
