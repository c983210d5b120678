/**
 * Colab-safe pip installs (issue 19 part 3), apart from the install itself so that the lock code
 * in the same helpers stays separate. `_launchpad_pip_guard` runs before pip installs anything:
 *
 * - Held packages: Colab warns that "Upgrading ipython, ipykernel, tornado, prompt-toolkit, pyzmq
 *   can cause your runtime to repeatedly crash" (colabtools #5580). Those five, and every package
 *   the installed google-colab distribution pins with `==` (read from its metadata at run time),
 *   are held: pip's own resolution (`--dry-run --report -`, pip ≥ 22.2) says what the install would
 *   change, and a change to an installed held package stops the step BEFORE anything is installed
 *   with `LAUNCHPAD_HELD {json}` (parsers/pip-safe.ts) and the LaunchpadHeld error, unless the user
 *   confirmed that package (Install anyway: `held_ok`).
 * - The preinstalled torch build (its CUDA variant, e.g. 2.11.0+cu128) is a constraint of the
 *   install unless the step names torch, torchvision or torchaudio itself.
 *
 * `_launchpad_pip_restart` runs after the install: when it changed a distribution whose modules
 * this process has already imported, the new version is not used until a restart (Colab's pip hook
 * says "You must restart the runtime in order to use newly installed versions"). It prints
 * `LAUNCHPAD_RESTART {json}`; with `restart` (Run setup, a step with steps after it) it then ends
 * the process as the restart-runtime recipe does, and Run setup resumes the steps after it.
 */

export const pipGuardSource = String.raw`class LaunchpadHeld(LaunchpadError):
    """A pip step would change a package Colab's runtime depends on; nothing was installed."""


_LAUNCHPAD_COLAB_STACK = ('ipython', 'ipykernel', 'tornado', 'prompt-toolkit', 'pyzmq')
_LAUNCHPAD_TORCH = ('torch', 'torchvision', 'torchaudio')


def _launchpad_pip_guard(specs, held_ok=()):
    """Before pip installs specs: raises LaunchpadHeld if it would change a held package the user
    did not confirm (held_ok); returns pip's extra arguments (the torch constraint)."""
    import importlib.metadata, json, os, re, subprocess, sys, tempfile
    norm = lambda name: re.sub(r'[-_.]+', '-', name).lower()
    named = {norm(m.group(0)) for m in (re.match(r'[A-Za-z0-9][A-Za-z0-9._-]*', s.strip()) for s in specs) if m}

    def installed(dist):
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return None

    held = set(_LAUNCHPAD_COLAB_STACK)
    try:
        for requirement in importlib.metadata.requires('google-colab') or []:
            pin = re.match(r'\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*\(?\s*===?\s*[^\s,;*]+\s*\)?\s*(?:;.*)?$', requirement)
            if pin:
                held.add(norm(pin.group(1)))
    except importlib.metadata.PackageNotFoundError:
        pass
    confirmed = {norm(name) for name in held_ok}
    extra = []
    if not named & set(_LAUNCHPAD_TORCH):
        kept = [f'{dist}=={installed(dist)}' for dist in _LAUNCHPAD_TORCH if installed(dist)]
        if kept:
            path = os.path.join(tempfile.gettempdir(), 'launchpad-torch-constraints.txt')
            with open(path, 'w', encoding='utf-8') as f:
                f.write('\n'.join(kept) + '\n')
            print('Keeping the preinstalled ' + ', '.join(kept) + ' (a step that names torch may change it).')
            extra = ['--constraint', path]
    env = dict(os.environ, PIP_NO_INPUT='1', PYTHONUNBUFFERED='1')
    dry = subprocess.run([sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check', '--dry-run',
                          '--quiet', '--report', '-', *extra, *specs],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, errors='replace', env=env)
    try:
        plan = json.loads(dry.stdout).get('install', []) if dry.returncode == 0 else []
    except ValueError:
        plan = []  # the install itself then says what pip says
    changes = []
    for item in plan:
        meta = item.get('metadata') or {}
        name, version = norm(str(meta.get('name', ''))), str(meta.get('version', ''))
        current = installed(name)
        if name in held and name not in confirmed and current is not None and current != version:
            changes.append({'name': name, 'installed': current, 'wanted': version})
    if changes:
        said = ', '.join(f"{c['name']} {c['installed']} → {c['wanted']}" for c in changes)
        line = 'LAUNCHPAD_HELD ' + json.dumps({'packages': changes}, ensure_ascii=True)
        print(line, flush=True)
        # The line ends the message too: a failed cell's error is what Run setup reads back.
        raise LaunchpadHeld(f'pip install would change {said}, which Colab\'s runtime depends on. Colab warns: '
                            f'"Upgrading ipython, ipykernel, tornado, prompt-toolkit, pyzmq can cause your runtime '
                            f'to repeatedly crash". Nothing was installed; choose Install anyway or Skip in Run setup.\n{line}')
    return extra


def _launchpad_pip_versions(dists=False):
    """Each installed distribution's version (or, with dists, the distribution) as
    importlib.metadata.version finds it: the first one on sys.path."""
    import importlib.metadata, re
    found = {}
    for dist in importlib.metadata.distributions():
        found.setdefault(re.sub(r'[-_.]+', '-', dist.metadata.get('Name') or '').lower(), dist if dists else dist.version)
    return found


def _launchpad_pip_restart(before, restart=False):
    """After an install: the distributions it changed that this process has imported need a restart."""
    import json, os, signal, sys, time
    stale = []
    for name, dist in _launchpad_pip_versions(dists=True).items():
        was = before.get(name)
        if not name or was is None or was == dist.version:
            continue
        tops = (dist.read_text('top_level.txt') or '').split() or [name.replace('-', '_')]
        if any(top in sys.modules for top in tops):
            stale.append({'name': name, 'was': was, 'now': dist.version})
    if not stale:
        return
    print('You must restart the runtime in order to use newly installed versions: '
          + ', '.join(f"{s['name']} {s['was']} → {s['now']}" for s in stale))
    print('LAUNCHPAD_RESTART ' + json.dumps({'packages': stale}, ensure_ascii=True))
    if restart:
        print('Restarting the Python runtime now; Run setup goes on with the next step by itself.')
        sys.stdout.flush()
        time.sleep(1)  # let the lines reach the notebook before the process ends
        os.kill(os.getpid(), signal.SIGKILL)`;
