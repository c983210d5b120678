/**
 * Colab-safe pip installs (issue 19 part 3), apart from the install itself so that the lock code
 * in the same helpers stays separate. `_launchpad_pip_guard` runs before pip installs anything:
 *
 * - Held packages: Colab warns that "Upgrading ipython, ipykernel, tornado, prompt-toolkit, pyzmq
 *   can cause your runtime to repeatedly crash" (colabtools #5580). Those five, and every package
 *   the installed google-colab distribution pins with `==` (read from its metadata at run time),
 *   are held: `_launchpad_pip_guarded` runs the install with a constraint file (PIP_CONSTRAINT, so
 *   the Keep-installs-on-Drive path gets it too) pinning each installed held package the user did
 *   not confirm (Install anyway: `held_ok`). pip resolves before it installs anything, so a step
 *   that needs another version fails with nothing installed; pip's conflict report ("The user
 *   requested (constraint) ipython==8.5.0") names it, and the step fails with
 *   `LAUNCHPAD_HELD {json}` (parsers/pip-safe.ts) and the LaunchpadHeld error. One resolution, no
 *   dry run: nothing is downloaded twice. Where the resolver can keep the held versions by picking
 *   other versions of other packages, it does.
 * - The preinstalled torch build (its CUDA variant, e.g. 2.11.0+cu128) is in the same constraint
 *   file unless the step names torch, torchvision or torchaudio itself.
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


def _launchpad_pip_guarded(specs, held_ok, install):
    """Runs install() (pip, for specs) with a constraint file that keeps every held package the user
    did not confirm (held_ok) and the preinstalled torch at their installed versions. When pip cannot
    resolve because of a held one, nothing was installed: raises LaunchpadHeld naming it."""
    import importlib.metadata, json, os, re, tempfile
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
    held -= {norm(name) for name in held_ok}
    pins = {dist: installed(dist) for dist in sorted(held)}
    pins = {dist: version for dist, version in pins.items() if version}
    torch = {} if named & set(_LAUNCHPAD_TORCH) else {d: installed(d) for d in _LAUNCHPAD_TORCH if installed(d)}
    if torch:
        print('Keeping the preinstalled ' + ', '.join(f'{d}=={v}' for d, v in torch.items()) + ' (a step that names torch may change it).')
    if not pins and not torch:
        return install()
    path = os.path.join(tempfile.gettempdir(), 'launchpad-constraints.txt')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(f'{d}=={v}\n' for d, v in {**pins, **torch}.items()))
    saved = os.environ.get('PIP_CONSTRAINT')
    # pip reads it as --constraint, also in the kept-installs path; a space-separated list keeps the
    # constraints already there (Colab's own, a preset's lock: python-lock.ts).
    os.environ['PIP_CONSTRAINT'] = ' '.join(filter(None, [saved, path]))
    try:
        return install()
    except LaunchpadError as error:
        said = getattr(error, 'output', '')
        blocked = [norm(m) for m in re.findall(r'requested \(constraint\) ([A-Za-z0-9._-]+)==', said)]
        changes = []
        for dist in dict.fromkeys(d for d in blocked if d in pins):
            wants = re.findall(r'(?:user requested|depends on) ' + re.escape(dist).replace('\\-', '[-_.]') + r'(?![A-Za-z0-9._-])\s*([^\s,;)]*)', said, re.I)
            wanted = next((w.lstrip('=') for w in wants if w), None)
            changes.append({'name': dist, 'installed': pins[dist], 'wanted': wanted})
        if not changes:
            raise
        said_names = ', '.join(f"{c['name']} {c['installed']} → {c['wanted'] or 'another version'}" for c in changes)
        line = 'LAUNCHPAD_HELD ' + json.dumps({'packages': changes}, ensure_ascii=True)
        print(line, flush=True)
        # The line ends the message too: a failed cell's error is what Run setup reads back.
        raise LaunchpadHeld(f'pip install would change {said_names}, which Colab\'s runtime depends on. Colab warns: '
                            f'"Upgrading ipython, ipykernel, tornado, prompt-toolkit, pyzmq can cause your runtime '
                            f'to repeatedly crash". Nothing was installed; choose Install anyway or Skip in Run setup.\n{line}') from None
    finally:
        if saved is None:
            os.environ.pop('PIP_CONSTRAINT', None)
        else:
            os.environ['PIP_CONSTRAINT'] = saved


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

/**
 * Ready, proven (issue 19 part 4, the default check): after a pip step installed distributions,
 * each must import. One child process imports one module per distribution (its `top_level.txt`
 * name matching the distribution, else the first; else `packages_distributions()`; else the name
 * with `_`), with this process's sys.path, so the notebook's own process imports nothing new (as
 * the GPU check does). Prints `LAUNCHPAD_CHECK {json}` per check (parsers/pip-safe.ts); a module
 * that does not import fails the step, naming it and its error.
 */
export const importCheckSource = String.raw`def _launchpad_import_check(dists):
    """Checks, in a child process, that each installed distribution in dists imports."""
    import importlib.metadata, json, os, re, subprocess, sys
    norm = lambda name: re.sub(r'[-_.]+', '-', name).lower()
    usable = lambda m: m.isidentifier() and not m.startswith('_')
    modules = {}
    for dist in dists:
        try:
            found = importlib.metadata.distribution(dist)
        except importlib.metadata.PackageNotFoundError:
            continue  # not where this process looks: nothing it could import
        tops = [m for m in (found.read_text('top_level.txt') or '').split() if usable(m)]
        if not tops and hasattr(importlib.metadata, 'packages_distributions'):
            tops = sorted(m for m, names in importlib.metadata.packages_distributions().items()
                          if usable(m) and norm(dist) in {norm(n) for n in names})
        same = [m for m in tops if norm(m) == norm(dist)]
        modules[dist] = (same or tops or [norm(dist).replace('-', '_')])[0]
    if not modules:
        return
    probe = ('import importlib, json, sys\n'
             'for dist, module in json.loads(sys.argv[1]).items():\n'
             '    try:\n'
             '        importlib.import_module(module)\n'
             '        print(json.dumps([dist, module, None]))\n'
             '    except BaseException as error:\n'
             '        print(json.dumps([dist, module, (type(error).__name__ + ": " + str(error)).splitlines()[0][:300]]))\n')
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p or os.getcwd() for p in sys.path), PYTHONUNBUFFERED='1')
    result = subprocess.run([sys.executable, '-c', probe, json.dumps(modules)], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, errors='replace', env=env, timeout=600)
    said = {}
    for line in result.stdout.splitlines():
        try:
            dist, module, error = json.loads(line)
            said[dist] = error
        except ValueError:
            pass
    failed = []
    for dist, module in modules.items():
        if dist in said:
            error = said[dist]
        else:
            error = 'the import check ended early: ' + (result.stderr.strip().splitlines() or ['no output'])[-1][:300]
        check = {'kind': 'import', 'name': module, 'dist': dist, 'ok': error is None}
        if error:
            check['detail'] = error
            failed.append(f'{module} (from {dist}): {error}')
        print(('Imports: ' if error is None else 'Does NOT import: ') + module + (f' ({error})' if error else ''))
        print('LAUNCHPAD_CHECK ' + json.dumps(check, ensure_ascii=True))
    if failed:
        raise LaunchpadError('import check failed: ' + '; '.join(failed))`;
