/**
 * The real-IPython kernel behind the replica's `kernel:ipython` flag (kernel-session.ts): a
 * notebook-like process, its outputs and errors as ipykernel reports them, interrupt, restart and
 * VM reset, real pip from the local index and real git from local repositories.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atContentDir, startKernelSession, type KernelReply, type KernelSession } from './kernel-session';
import { createBareRepo } from './local-repos';
import { buildPureWheel, servePackageIndex, type PackageIndex } from './package-index';

const stdout = (reply: KernelReply) => reply.outputs.filter((o) => o.output_type === 'stream' && o.name === 'stdout').map((o) => ('text' in o ? o.text : '')).join('');

describe('a kernel session', () => {
  let kernel: KernelSession;
  beforeAll(async () => {
    kernel = await startKernelSession();
  });
  afterAll(async () => {
    await kernel?.close();
  });

  it('keeps the namespace and cwd between cells, and shows a last expression', async () => {
    expect(stdout(await kernel.execute('x = 6 * 7\nprint(x)'))).toBe('42\n');
    const reply = await kernel.execute('import os\nos.makedirs("sub", exist_ok=True)\n%cd sub\nx + 1');
    expect(reply.outputs.at(-1)).toEqual({ output_type: 'execute_result', execution_count: null, data: { 'text/plain': '43' }, metadata: {} });
    expect(stdout(await kernel.execute('print(os.getcwd())'))).toBe(`${join(kernel.contentDir, 'sub')}\n`);
  });

  it('reports an error as ename, evalue and the coloured traceback, with what ran before it', async () => {
    const reply = await kernel.execute('print("before")\nraise ValueError("no such thing")');
    expect(stdout(reply)).toBe('before\n');
    expect(reply.error).toMatchObject({ ename: 'ValueError', evalue: 'no such thing' });
    expect(reply.error?.traceback.join('\n')).toContain('\u001b[');
    expect(reply.error?.traceback.at(-1)).toContain('no such thing');
    expect(reply.outputs.at(-1)).toMatchObject({ output_type: 'error', ename: 'ValueError' });
    const syntax = await kernel.execute('def broken(:');
    expect(syntax.error?.ename).toBe('SyntaxError');
  });

  it('runs ! commands under bash through the shims, recording them', async () => {
    const reply = await kernel.execute('!apt-get install -y ffmpeg && echo installed');
    expect(stdout(reply)).toBe('installed\n');
    expect(kernel.calls().filter((c) => c.tool === 'apt-get').map((c) => c.argv)).toEqual([['install', '-y', 'ffmpeg']]);
  });

  it('interrupts a running cell with KeyboardInterrupt and goes on', async () => {
    const running = kernel.execute('import time\nprint("sleeping", flush=True)\ntime.sleep(30)');
    await new Promise((resolve) => setTimeout(resolve, 800));
    kernel.interrupt();
    const reply = await running;
    expect(reply.error?.ename).toBe('KeyboardInterrupt');
    expect(reply.durationMs).toBeLessThan(10_000);
    expect(stdout(await kernel.execute('print(x)'))).toBe('42\n');
  });

  it('reports a killed process; a restart clears the namespace and keeps the files', async () => {
    await kernel.execute('%cd -q {os.environ["HOME"]}/../content\nopen("kept.txt", "w").write("kept")');
    const pid = kernel.pid();
    const killed = await kernel.execute('import os, signal\nprint("bye", flush=True)\nos.kill(os.getpid(), signal.SIGKILL)');
    expect(killed).toMatchObject({ killed: true, error: null });
    expect(stdout(killed)).toBe('bye\n');
    await kernel.restart();
    expect(kernel.pid()).not.toBe(pid);
    const after = await kernel.execute('print(open("kept.txt").read())\nx');
    expect(stdout(after)).toBe('kept\n');
    expect(after.error?.ename).toBe('NameError');
  });

  it('a VM reset empties the content dir too', async () => {
    writeFileSync(join(kernel.contentDir, 'data.csv'), 'a,b\n');
    await kernel.resetVm();
    expect(existsSync(join(kernel.contentDir, 'data.csv'))).toBe(false);
    expect(stdout(await kernel.execute('import os\nprint(sorted(os.listdir(".")))'))).toBe('[]\n');
  });
});

describe('a kernel session with the local index and local repositories', () => {
  let kernel: KernelSession;
  let index: PackageIndex;
  let dir: string;
  let dist: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clp-kernel-test-'));
    dist = join(dir, 'dist');
    mkdirSync(dist);
    buildPureWheel(dist, 'lp-lock-demo', '1.0.0');
    index = await servePackageIndex(dist, 4 * 1024 * 1024);
    const repo = createBareRepo(dir, 'hello-world', { master: { 'requirements.txt': 'lp-lock-demo\n' }, dev: { 'apt.txt': 'ffmpeg\n' } });
    kernel = await startKernelSession({ packageIndexUrl: index.url, repos: { 'https://github.com/octocat/hello-world': repo } });
  });
  afterAll(async () => {
    await kernel?.close();
    await index?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pip installs for real from the index; a new version published later is what the next install gets', async () => {
    const first = await kernel.execute('%pip install lp-lock-demo');
    expect(stdout(first)).toContain('Successfully installed lp-lock-demo-1.0.0');
    expect(stdout(await kernel.execute('import lp_lock_demo\nprint(lp_lock_demo.__version__)'))).toBe('1.0.0\n');
    buildPureWheel(dist, 'lp-lock-demo', '2.0.0');
    await kernel.resetVm();
    expect(stdout(await kernel.execute('!pip install -q lp-lock-demo\nimport lp_lock_demo\nprint(lp_lock_demo.__version__)'))).toMatch(/(^|\n)2\.0\.0\n$/); // pip warns about root first, as on Colab
  }, 60_000);

  it('git clones a mapped GitHub URL for real, shallowly, at a branch', async () => {
    const reply = await kernel.execute('!git clone -q --depth 1 -b dev https://github.com/octocat/hello-world.git\n!ls hello-world');
    expect(stdout(reply)).toBe('apt.txt\n');
    const other = await kernel.execute('!git clone -q https://github.com/octocat/hello-world hw2 && cat hw2/requirements.txt');
    expect(stdout(other)).toBe('lp-lock-demo\n');
    expect(kernel.calls().filter((c) => c.tool === 'git')).toHaveLength(2);
  });
});

describe('atContentDir', () => {
  it('moves quoted absolute /content paths into the session, and nothing else', () => {
    expect(atContentDir(`_launchpad_clone('https://x/r', '/content/r')\nos.chdir("/content")\nprint('/contents', '/x/content/y')`, '/tmp/s/content')).toBe(
      `_launchpad_clone('https://x/r', '/tmp/s/content/r')\nos.chdir("/tmp/s/content")\nprint('/contents', '/x/content/y')`,
    );
  });
});
