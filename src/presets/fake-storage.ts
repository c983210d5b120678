/**
 * Test double (imported by *.test.ts files only): chrome.storage.local as far as storage.ts uses
 * it, each call taking a macrotask like the real one, a write that can be made to fail with the
 * browser's own quota message, and Web Locks that really exclude each other.
 */
export class FakeLocalArea {
  data: Record<string, unknown> = {};
  /** When set, every `set` rejects with this message (and writes nothing). */
  failWrites?: string;
  readonly writes: Record<string, unknown>[] = [];

  private tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  async get(key: string | null): Promise<Record<string, unknown>> {
    await this.tick();
    const data = structuredClone(this.data);
    return key === null ? data : key in data ? { [key]: data[key] } : {};
  }

  async set(values: Record<string, unknown>): Promise<void> {
    await this.tick();
    if (this.failWrites !== undefined) throw new Error(this.failWrites);
    this.writes.push(structuredClone(values));
    Object.assign(this.data, structuredClone(values));
  }
}

/** Chrome's message when a write would pass storage.local's QUOTA_BYTES. */
export const QUOTA_MESSAGE = 'Resource::kQuotaBytes quota exceeded';

/** Web Locks for one test: tasks of one name run one after another. */
export function fakeLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const run = previous.then(task, task);
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}
