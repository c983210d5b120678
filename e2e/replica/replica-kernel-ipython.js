// The `kernel:ipython` backend: every execution goes to a real IPython process through the
// same-origin route `POST /__replica/kernel/<op>` (serve.mjs routeReplicaKernel → Node →
// test/ipython/kernel-session.ts). It returns what the fake kernel's `interpret` returns, so the
// notebook's queue, counter, classes and events stay the same. Outputs arrive when the cell ends
// (no streaming). Invented: the transport (real Colab talks to its kernel over a websocket).

const PATH = '/__replica/kernel/';

/**
 * @typedef {{ outputs: any[], error: { ename: string, evalue: string, traceback: string[] } | null, extraMs: number, killsKernel: boolean }} ExecResult
 */

/**
 * A failure of the transport or of the Node side, shown as the cell's error.
 * @param {string} message
 * @returns {ExecResult}
 */
function failed(message) {
  const error = { ename: 'ReplicaKernelError', evalue: message, traceback: [`ReplicaKernelError: ${message}`] };
  return { outputs: [{ output_type: 'error', ...error }], error, extraMs: 0, killsKernel: false };
}

export class IPythonBackend {
  /** Executions run in the order they were made, after any restart asked for before them. */
  #chain = Promise.resolve();

  /**
   * @param {string} op
   * @param {Record<string, unknown>} [body]
   * @returns {Promise<any>}
   */
  #post(op, body = {}) {
    return fetch(`${PATH}${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
  }

  /**
   * @param {string} op
   * @param {Record<string, unknown>} [body]
   */
  #queued(op, body) {
    const next = this.#chain.then(() => this.#post(op, body));
    this.#chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs code in the kernel; resolves when it has finished (or the process died in it).
   * @param {string} code
   * @param {boolean} silent `kernel.execute()`: not stored in the history
   * @returns {Promise<ExecResult>}
   */
  execute(code, silent) {
    return this.#queued('execute', { code, silent }).then(
      (reply) => (reply.failure ? failed(String(reply.failure)) : { outputs: reply.outputs, error: reply.error, extraMs: 0, killsKernel: reply.killed === true }),
      (error) => failed(String(error)),
    );
  }

  /** SIGINT to the process: the running cell ends with a real KeyboardInterrupt. */
  interrupt() {
    this.#post('interrupt').catch(() => undefined);
  }

  /** A new Python process: namespace gone, files kept. */
  restart() {
    this.#now('restart');
  }

  /** A new VM: a new process and an empty content dir, HOME and TMPDIR. */
  resetVm() {
    this.#now('reset-vm');
  }

  /**
   * Sent at once, not behind a running cell (the kill ends that cell); later executions wait for it.
   * @param {string} op
   */
  #now(op) {
    const done = this.#post(op).catch(() => undefined);
    this.#chain = Promise.all([this.#chain, done]);
  }
}
