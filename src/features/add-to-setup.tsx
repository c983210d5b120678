/**
 * Add to setup (issue 18 part 3): when a cell the user wrote installs something (`!pip install`,
 * `%pip`, `!uv pip`, `!apt-get|apt install`, `!git clone`) and it succeeded, the toolbar offers
 * to add the equivalent steps to the notebook's preset (or a new one bound to it). The page script
 * lists finished cells that may install; the worker's parser (src/recipes/install-capture.ts) decides. Only
 * runs seen finishing after the page opened are offered. The cell's text stays in this tab. One offer at a time; it can be dismissed or turned off for the
 * notebook, and only the user's click adds anything (src/ui/user-action.ts). The offer itself is
 * loaded on demand (./capture-offer.tsx).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { request } from '../colab/bridge';
import { askBackground, type BackgroundResponse } from '../shared/messages';
import { CaptureOffer } from './on-demand-imports';

/** How often the finished cells are looked at while the tab is visible. */
const POLL_MS = 2_500;

export type Offer = NonNullable<BackgroundResponse<'capture-cell'>['offer']>;

export function AddToSetup(props: { notebook: string | null; signal: AbortSignal; announce: (text: string) => void }) {
  const { notebook, signal, announce } = props;
  const [offer, setOffer] = useState<Offer | null>(null);
  const [off, setOff] = useState(true);
  /** After the first look: runs that finish from now on are offered (an attribute tests wait for). */
  const [watching, setWatching] = useState(false);
  /** Cells (by id, text and output) already offered, dismissed or added: never offered again. */
  const seen = useRef(new Set<string>());
  /** The first look only notes what the notebook already showed: installs someone ran before this page opened are not offered. */
  const firstLook = useRef(true);

  useEffect(() => {
    setOffer(null);
    setOff(true);
    seen.current.clear();
    firstLook.current = true;
    setWatching(false);
    if (notebook === null) return;
    askBackground({ type: 'capture-off', notebook }).then(
      (answer) => !signal.aborted && setOff(answer.off),
      () => undefined, // no worker: no offers
    );
  }, [notebook, signal]);

  useEffect(() => {
    if (notebook === null || off || offer) return;
    let busy = false;
    const look = async () => {
      if (busy || document.visibilityState !== 'visible') return;
      busy = true;
      try {
        const cells = await request('install-cells', {}, { timeoutMs: 3_000, signal });
        if (firstLook.current) {
          firstLook.current = false;
          for (const cell of cells) seen.current.add(`${cell.cellId}\n${cell.text}\n${cell.output}`);
          setWatching(true);
          return;
        }
        for (const cell of cells) {
          const id = `${cell.cellId}\n${cell.text}\n${cell.output}`;
          if (seen.current.has(id) || signal.aborted) continue;
          // Cells that raised are never offered (nor Launchpad's own: the worker checks their marker).
          const found = cell.failed ? null : (await askBackground({ type: 'capture-cell', notebook, text: cell.text, output: cell.output })).offer;
          // Seen once the worker answered (a worker that did not is asked again next time).
          seen.current.add(id);
          if (!found || signal.aborted) continue;
          setOffer(found);
          return;
        }
      } catch {
        // The page script did not answer (Colab still booting, another notebook): look again later.
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void look(), POLL_MS);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
    return () => clearInterval(timer);
  }, [notebook, off, offer, signal]);

  if (notebook === null || !offer) return <span class="capture-watch" hidden data-watching={String(watching && !off)} />;

  return <CaptureOffer offer={offer} notebook={notebook} signal={signal} announce={announce} onClose={(turnedOff) => { setOffer(null); if (turnedOff) setOff(true); }} />;
}
