import { describe, expect, it } from 'vitest';
import { planSystemDeps } from '../../scripts/system-deps.mjs';

const PYTHON_BUILD = ['/usr/bin/python3-config', '/usr/bin/pip3', '/usr/share/python-wheels/setuptools-*.whl', '/usr/lib/python3/dist-packages/wheel/__init__.py'];
const ALL = ['/usr/bin/chromium', '/usr/bin/firefox-esr', '/usr/bin/ipython3', ...PYTHON_BUILD];
const has = (...files: string[]) => (file: string) => files.includes(file);

describe('planSystemDeps', () => {
  it('goes on when every package is there', () => {
    expect(planSystemDeps({ command: 'test', env: {}, isExecutable: has(...ALL), isRoot: false })).toEqual({ action: 'ok' });
  });

  it('npm start needs only chromium, --firefox only firefox-esr', () => {
    expect(planSystemDeps({ command: 'start', env: {}, isExecutable: has('/usr/bin/chromium'), isRoot: false }).action).toBe('ok');
    expect(planSystemDeps({ command: 'start-firefox', env: {}, isExecutable: has('/usr/bin/firefox-esr'), isRoot: false }).action).toBe('ok');
    expect(planSystemDeps({ command: 'start-firefox', env: {}, isExecutable: has('/usr/bin/chromium'), isRoot: false })).toMatchObject({ action: 'stop', packages: ['firefox-esr'] });
  });

  it('as root, installs exactly the missing packages and says so', () => {
    const plan = planSystemDeps({ command: 'test', env: {}, isExecutable: has('/usr/bin/ipython3', ...PYTHON_BUILD), isRoot: true });
    expect(plan).toMatchObject({ action: 'install', packages: ['chromium', 'firefox-esr'] });
    if (plan.action !== 'install') throw new Error('expected an install');
    expect(plan.commands).toEqual([['apt-get', 'update'], ['apt-get', 'install', '-y', 'chromium', 'firefox-esr']]);
    expect(plan.message).toContain('/usr/bin/chromium not found');
    expect(plan.message).toContain('installing them now');
  });

  it('otherwise stops with the exact command to run', () => {
    const plan = planSystemDeps({ command: 'test', env: {}, isExecutable: has(), isRoot: false });
    expect(plan).toMatchObject({ action: 'stop', packages: ['chromium', 'ipython3', 'firefox-esr', 'python3-dev', 'python3-pip', 'python3-setuptools-whl', 'python3-wheel'] });
    expect(plan.action === 'stop' && plan.message).toContain('sudo apt-get update && sudo apt-get install -y chromium ipython3 firefox-esr python3-dev python3-pip python3-setuptools-whl python3-wheel');
  });

  it('ipython3 on PATH counts, as the IPython harness accepts it', () => {
    const env = { PATH: '/opt/py/bin:/usr/bin' };
    const plan = planSystemDeps({ command: 'test', env, isExecutable: has('/usr/bin/chromium', '/usr/bin/firefox-esr', '/opt/py/bin/ipython3', ...PYTHON_BUILD), isRoot: false });
    expect(plan).toEqual({ action: 'ok' });
  });

  it('a path override is the only place looked at, so a missing one can be tried by hand', () => {
    const env = { CHROMIUM_PATH: '/nowhere/chromium', COLAB_LAUNCHPAD_IPYTHON: '/nowhere/ipython3' };
    const plan = planSystemDeps({ command: 'test', env, isExecutable: has(...ALL), isRoot: false });
    expect(plan).toMatchObject({ action: 'stop', packages: ['chromium', 'ipython3'] });
    expect(plan.action === 'stop' && plan.message).toContain('CHROMIUM_PATH=/nowhere/chromium not found');
  });

  it('knows a package without a program by a file it installs', () => {
    const plan = planSystemDeps({ command: 'test', env: {}, isExecutable: has(...ALL.filter((f) => !f.includes('python-wheels'))), isRoot: false });
    expect(plan).toMatchObject({ action: 'stop', packages: ['python3-setuptools-whl'] });
    expect(plan.action === 'stop' && plan.message).toContain('/usr/share/python-wheels/setuptools-*.whl not found');
  });

  it('refuses a command it does not know', () => {
    expect(() => planSystemDeps({ command: 'deploy', env: {}, isExecutable: has(), isRoot: true })).toThrow(/unknown command/);
  });
});
