import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code is loaded the first time it is shown (a dynamic import), so the content
 * script does not carry it until then: dialogs the user may never open. Renders nothing while it
 * loads (a few milliseconds from the extension's own files) or if loading fails (the extension was
 * reloaded, and this copy is about to go).
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P> | undefined> | undefined;
  return function Lazy(props: P) {
    const [component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (component) return;
      pending ??= load().then((c) => (loaded = c), () => undefined);
      let live = true;
      void pending.then((c) => live && c && setComponent(() => c));
      return () => {
        live = false;
      };
    }, [component]);
    return component ? h(component, props) : null;
  };
}
