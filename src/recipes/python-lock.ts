/**
 * A preset's lock (issue 19 part 1): the exact versions its pip-install steps installed or changed,
 * one lock per runtime key (Python minor, platform, accelerator build: the install-cache key without
 * the torch version and the requirements hash). The Colab release tag is recorded, never keyed.
 *
 * `_launchpad_pip_locked` wraps `_launchpad_pip_install` and leaves it unchanged:
 * - a lock for this key: every locked package is a constraint (PIP_CONSTRAINT, UV_CONSTRAINT: pip
 *   and uv read them, also when installing the kept wheels from Drive) and a requirement counts as
 *   installed only at its locked version, so nothing newer than the lock is installed. The specs
 *   stay as written, so the install-cache key is the first run's. A failure names the locked versions.
 * - the lock asks for an update (Update lock): resolved again as of today, without the kept wheels
 *   (they are the old lock's).
 * - no lock for this key (none yet, or only another runtime's): resolved as of today; another
 *   runtime's lock is named and not applied.
 * Then it diffs the installed distributions (importlib.metadata, before/after: never Colab's
 * preinstalled set) and prints `LAUNCHPAD_LOCK {json}`, which Run setup forwards to the worker
 * (src/presets/locks.ts records it).
 */

export const pipLockSource = String.raw`def _launchpad_pip_locked(requirements, locks, cache=None, allowed=None, held_ok=(), restart=False):
    """Installs like _launchpad_pip_install, holding to the preset's lock for this runtime's key
    (locks: {key: {'created': ISO date, 'release': tag or None, 'packages': ['name==version', ...],
    'replaced': ['name==preinstalled version', ...], 'update': bool}}), then prints LAUNCHPAD_LOCK
    with what the step installed or changed, and LAUNCHPAD_LOCK_DRIFT when Colab moved under the lock."""
    import json, os, platform, re, site, sys, sysconfig, tempfile
    import importlib.metadata
    say = lambda text: print('Lock: ' + text, flush=True)
    norm = lambda name: re.sub(r'[-_.]+', '-', name).lower()

    # The key: what the versions depend on (as the install-cache key, without torch and the requirements).
    libc, libc_version = platform.libc_ver()
    machine = platform.machine()
    plat = f'manylinux_{libc_version.replace(".", "_")}_{machine}' if libc == 'glibc' and libc_version else f'{sys.platform}_{machine}'
    try:
        torch = importlib.metadata.version('torch')
    except importlib.metadata.PackageNotFoundError:
        torch = None
    if os.environ.get('TPU_ACCELERATOR_TYPE') or os.environ.get('COLAB_TPU_1VM') == '1':
        accelerator = 'tpu'
    elif torch and '+' in torch:
        accelerator = torch.split('+', 1)[1]
    else:
        accelerator = 'gpu' if os.path.exists('/dev/nvidia0') else 'cpu'
    accelerator = re.sub(r'[^A-Za-z0-9._]+', '_', accelerator)
    python = f'{sys.version_info[0]}.{sys.version_info[1]}'
    key = '-'.join(['cp' + python.replace('.', ''), plat, accelerator])
    release = os.environ.get('COLAB_RELEASE_TAG') or None

    def installed():
        # sys.path plus the user site (where pip --user puts them even if it did not exist at start).
        user = sysconfig.get_path('purelib', f'{os.name}_user', vars={'userbase': os.environ.get('PYTHONUSERBASE') or site.getuserbase()})
        found = {}
        for dist in importlib.metadata.distributions(path=list(dict.fromkeys([*sys.path, user]))):
            name = dist.metadata['Name']
            if name and norm(name) not in found:
                found[norm(name)] = (name, dist.version)
        return found

    lock = (locks or {}).get(key)
    made = lambda entry: str(entry.get('created') or '')[:10]
    mode, pins, install = 'new', {}, {'cache': cache, 'allowed': allowed, 'held_ok': held_ok, 'restart': restart}
    drift = {'key': key, 'release': None, 'python': None, 'moved': []}  # what moved under the lock: LAUNCHPAD_LOCK_DRIFT
    if lock and lock.get('update'):
        mode = 'update'
        install['cache'] = None  # the wheels kept on Drive are the old lock's
        say(f'Update lock: resolving again as of today (the lock of {made(lock)} is replaced).')
    elif lock:
        mode = 'locked'
        for item in lock.get('packages') or []:
            name, _, version = item.partition('==')
            pins[norm(name)] = (name, version)
        say(f'installing the lock of {made(lock)} for {key} ({len(pins)} package(s)), nothing newer.')
        if lock.get('release') and release and lock.get('release') != release:
            drift['release'] = [lock.get('release'), release]
            say(f'Colab changed since the lock: release {lock.get("release")}, now {release}. The locked versions are kept.')
    elif locks:
        other = sorted(locks)[0]
        theirs = re.match(r'cp(\d)(\d+)-', other)
        if theirs and f'{theirs.group(1)}.{theirs.group(2)}' != python:
            drift['python'] = [f'{theirs.group(1)}.{theirs.group(2)}', python]
        say(f'no lock for this runtime ({key}). The preset\'s lock of {made(locks[other])} is for {other}, '
            'so it is not applied here: resolving as of today and locking for this runtime.')

    def pinned(requirement):
        # Installed counts only at the locked version. The spec stays as written: the constraints pin
        # it, and the install-cache key (a hash of the specs) stays the first run's, so its kept
        # wheels are installed offline at once.
        spec, dist, version, constrained = requirement
        locked = pins.get(norm(dist))
        return requirement if locked is None or '@' in spec else (spec, dist, locked[1], True)

    before = installed()
    if lock and not lock.get('update'):
        # Preinstalled packages the lock overrides whose preinstalled version moved (torch 2.8 → 2.9).
        for item in lock.get('replaced') or []:
            name, _, was = item.partition('==')
            now = before.get(norm(name), (None, None))[1]
            if now is not None and now != was and now != (pins.get(norm(name)) or (None, None))[1]:
                drift['moved'].append([name, was, now])
                held = pins.get(norm(name))
                say(f'Colab\'s preinstalled {name} moved from {was} to {now}' + (f'; the lock installs {held[1]}.' if held else '.'))
    if drift['release'] or drift['python'] or drift['moved']:
        print('LAUNCHPAD_LOCK_DRIFT ' + json.dumps(drift), flush=True)
    names = ('PIP_CONSTRAINT', 'UV_CONSTRAINT')
    saved = {name: os.environ.get(name) for name in names}
    constraints = None
    try:
        if pins:
            fd, constraints = tempfile.mkstemp(prefix='launchpad-lock-', suffix='.txt')
            with os.fdopen(fd, 'w', encoding='utf-8') as f:
                f.write(''.join(f'{name}=={version}\n' for name, version in pins.values()))
            for name in names:  # both read a space-separated list: Colab's own constraints stay
                os.environ[name] = ' '.join(filter(None, [saved[name], constraints]))
        _launchpad_pip_install([pinned(r) for r in requirements], **install)
    except LaunchpadError as error:
        if not pins:
            raise
        wanted = ', '.join(f'{name}=={version}' for name, version in (pins.get(norm(r[1])) for r in requirements) if name)
        raise LaunchpadError(str(error).rstrip('.') + f'. The lock of {made(lock)} asks for {wanted or "its versions"}: a locked version may be '
                             'yanked or have no wheel for this runtime. Update lock resolves again.') from None
    finally:
        for name in names:
            if saved[name] is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = saved[name]
        if constraints:
            os.remove(constraints)
    after = installed()
    changed = sorted(f'{name}=={version}' for ident, (name, version) in after.items() if before.get(ident, (None, None))[1] != version)
    # What was there before a changed package: Colab's preinstalled version, to tell when it moves.
    replaced = sorted(f'{before[ident][0]}=={before[ident][1]}' for ident, (name, version) in after.items()
                      if ident in before and before[ident][1] != version)
    if changed or mode == 'update':
        print('LAUNCHPAD_LOCK ' + json.dumps({'key': key, 'python': python, 'release': release, 'mode': mode,
                                              'packages': changed, 'replaced': replaced}), flush=True)`;
