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
 * - the lock asks for an update (Update lock), without the kept wheels (they are the old lock's):
 *   `update: 'today'` (the options page: re-resolve on purpose) resolves as of today;
 *   `update: 'as-of-lock'` (the toolbar's lock-drift note: Colab moved underneath) resolves as of the
 *   lock's date first, then as of today if that fails, and says which.
 * - no lock for this key, only another runtime's (or one made on another Python): that lock is
 *   named and never applied blindly; this runtime resolves as of its date first, then as of today.
 *   When the Python moved, the locked versions with no wheel for this interpreter are named
 *   (`noWheel` in LAUNCHPAD_LOCK_DRIFT).
 * "As of a date" (`_launchpad_pip_as_of`): a dry run picks the versions, which then constrain the
 * install itself (so the guard, the import check and the kept installs work as always). uv's
 * `--exclude-newer` where uv is on PATH (Colab ships it); pip's `--uploaded-prior-to` where pip has
 * it (pip 26); else Launchpad's own filter for any pip ≥ 22.2: pip's `--dry-run --report`, each
 * chosen version's upload time from the index's JSON simple API (PEP 691, PEP 700 `upload-time`),
 * the versions uploaded after the date excluded by a constraints file, again until nothing newer is
 * picked (bounded). An index without upload times is said, and the step resolves as of today.
 * Then it diffs the installed distributions (importlib.metadata, before/after: never Colab's
 * preinstalled set) and prints `LAUNCHPAD_LOCK {json}`, which Run setup forwards to the worker
 * (src/presets/locks.ts records it).
 */

export const pipLockSource = String.raw`def _launchpad_pip_locked(requirements, locks, cache=None, allowed=None, held_ok=(), restart=False):
    """Installs like _launchpad_pip_install, holding to the preset's lock for this runtime's key
    (locks: {key: {'created': ISO date, 'release': tag or None, 'packages': ['name==version', ...],
    'replaced': ['name==preinstalled version', ...], 'update': False, 'today' or 'as-of-lock'}}),
    then prints LAUNCHPAD_LOCK with what the step installed or changed, and LAUNCHPAD_LOCK_DRIFT
    when Colab moved under the lock."""
    import json, os, re, site, sys, sysconfig, tempfile
    import importlib.metadata
    say = lambda text: print('Lock: ' + text, flush=True)
    norm = lambda name: re.sub(r'[-_.]+', '-', name).lower()

    # The key: what the versions depend on (the install-cache key without torch and the requirements).
    runtime = _launchpad_runtime_key()
    key, python = runtime['key'], runtime['python']
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
    as_of = None  # the lock whose date this step resolves as of
    if lock and lock.get('update'):
        mode = 'update'
        install['cache'] = None  # the wheels kept on Drive are the old lock's
        if lock.get('update') == 'as-of-lock':
            as_of = lock
            say(f'Update lock: resolving again as of the lock\'s date, {made(lock)} (the lock is replaced).')
        else:
            say(f'Update lock: resolving again as of today (the lock of {made(lock)} is replaced).')
    elif lock:
        mode = 'locked'
        for item in lock.get('packages') or []:
            name, _, version = item.partition('==')
            pins[norm(name)] = (name, version)
        say(f'installing the lock of {made(lock)} for {key} ({len(pins)} package(s)), nothing newer.')
        if lock.get('release') and release and lock.get('release') != release:
            drift['release'] = [lock.get('release'), release]
            drift['kept'] = sorted(f'{name}=={version}' for name, version in pins.values())[:20]  # what now runs on the new release
            say(f'Colab changed since the lock: release {lock.get("release")}, now {release}. The locked versions are kept.')
    elif locks:
        other = max(locks, key=lambda k: (made(locks[k]), k))  # the newest: the closest to what this preset wants
        as_of = locks[other]
        say(f'no lock for this runtime ({key}). The preset\'s lock of {made(as_of)} is for {other}, '
            'so it is not applied here: resolving as of its date, then locking for this runtime.')
        theirs = re.match(r'cp(\d)(\d+)-', other)
        if theirs and f'{theirs.group(1)}.{theirs.group(2)}' != python:
            drift['python'] = [f'{theirs.group(1)}.{theirs.group(2)}', python]
            drift['noWheel'] = _launchpad_no_wheel(as_of.get('packages') or [], say)
            if drift['noWheel']:
                say(f'no wheel for Python {python} in that lock: ' + ', '.join(drift['noWheel']) + '.')

    # Update lock: the packages the old lock holds are resolved again even where they are installed
    # (the same VM), and the new lock holds them whether or not their version changed.
    again = {norm(item.partition('==')[0]) for item in lock.get('packages') or []} if mode == 'update' else set()

    def pinned(requirement):
        # Installed counts only at the locked version. The spec stays as written: the constraints pin
        # it, and the install-cache key (a hash of the specs) stays the first run's, so its kept
        # wheels are installed offline at once.
        spec, dist, version, constrained = requirement
        if '@' in spec:
            return requirement
        if norm(dist) in again:
            return (spec, dist, None, True)  # never "already installed": pip checks it against the constraints
        locked = pins.get(norm(dist))
        return requirement if locked is None else (spec, dist, locked[1], True)

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
    # What a dry run chose (as of the lock's date, or as of today for an Update lock whose packages are
    # installed already): constraints of the install. Only what is missing or resolved again is asked,
    # so Colab's preinstalled packages stay as they are.
    dated = None
    asked = [spec for spec, dist, _, _ in requirements if norm(dist) in again or norm(dist) not in before or '@' in spec]
    upgrade = sorted({norm(dist) for _, dist, _, _ in requirements if norm(dist) in again and norm(dist) in before})
    if as_of:
        dated, how = _launchpad_pip_as_of(asked, str(as_of.get('created') or ''), upgrade)
        if dated is None:
            say(f'could not resolve as of {made(as_of)} ({how}): resolving as of today.')
        else:
            say(f'resolved as of {made(as_of)} ({how}): ' + (', '.join(dated) or 'nothing to install') + '.')
    if dated is None and upgrade:
        dated = _launchpad_pip_as_of(asked, None, upgrade)[0]
    dated = dated or []
    constraints = None
    try:
        if pins or dated:
            fd, constraints = tempfile.mkstemp(prefix='launchpad-lock-', suffix='.txt')
            with os.fdopen(fd, 'w', encoding='utf-8') as f:
                f.write(''.join([f'{name}=={version}\n' for name, version in pins.values()] + [pin + '\n' for pin in dated]))
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
    changed = sorted(f'{name}=={version}' for ident, (name, version) in after.items()
                     if before.get(ident, (None, None))[1] != version or ident in again)
    # What was there before a changed package: Colab's preinstalled version, to tell when it moves
    # (after an Update lock in the same VM, the old lock's versions are not Colab's: its record stays).
    replaced = sorted({f'{before[ident][0]}=={before[ident][1]}' for ident, (name, version) in after.items()
                       if ident in before and before[ident][1] != version and ident not in again}
                      | {item for item in (lock or {}).get('replaced') or [] if mode == 'update'})
    if changed or mode == 'update':
        print('LAUNCHPAD_LOCK ' + json.dumps({'key': key, 'python': python, 'release': release, 'mode': mode,
                                              'packages': changed, 'replaced': replaced}), flush=True)

def _launchpad_index_url():
    """The index pip installs from: PIP_INDEX_URL, else pip's configured index-url, else PyPI."""
    import os, subprocess, sys
    url = os.environ.get('PIP_INDEX_URL', '').split(' ')[0]
    for name in ('install.index-url', 'global.index-url'):
        if url:
            break
        try:
            found = subprocess.run([sys.executable, '-m', 'pip', 'config', 'get', name], capture_output=True, text=True,
                                   stdin=subprocess.DEVNULL, timeout=60)
            url = found.stdout.strip() if found.returncode == 0 else ''
        except (OSError, subprocess.SubprocessError):
            pass
    return (url or 'https://pypi.org/simple').rstrip('/') + '/'

def _launchpad_redacted(url):
    """url without its user and password (a private index's), for the cell's output."""
    import re
    return re.sub(r'//[^/@]*@', '//', url)

def _launchpad_index_versions(index, name, seen):
    """{version: {'uploaded': datetime or None, 'files': [file name, ...]}} of project name, from the
    index's JSON simple API (PEP 691; upload-time: PEP 700). Raises OSError or ValueError saying why
    when the index cannot tell. seen: the projects read so far (each is read once)."""
    import base64, datetime, json, re, urllib.parse, urllib.request
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:
        from pip._vendor.packaging.version import InvalidVersion, Version
    project = re.sub(r'[-_.]+', '-', name).lower()
    if project in seen:
        return seen[project]
    headers = {'Accept': 'application/vnd.pypi.simple.v1+json'}
    parts = urllib.parse.urlsplit(index)
    if parts.username is not None:  # a private index's user and password (as pip takes them): basic auth
        user = f'{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or "")}'
        headers['Authorization'] = 'Basic ' + base64.b64encode(user.encode('utf-8')).decode('ascii')
    url = _launchpad_redacted(index) + urllib.parse.quote(project) + '/'
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        if 'json' not in response.headers.get('Content-Type', ''):
            raise ValueError(f'{_launchpad_redacted(index)} has no JSON simple API (PEP 691), so no upload times')
        data = json.load(response)
    versions = {}
    for entry in data.get('files') or []:
        filename = str(entry.get('filename') or '')
        if filename.endswith('.whl'):
            text = filename.split('-')[1] if filename.count('-') >= 4 else ''
        else:
            stem = re.sub(r'\.(tar\.gz|tar\.bz2|tgz|zip)$', '', filename)
            text = stem.rsplit('-', 1)[1] if stem != filename and '-' in stem else ''
        try:
            version = str(Version(text))
        except InvalidVersion:
            continue
        stamp = re.match(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d', str(entry.get('upload-time') or ''))
        uploaded = datetime.datetime.fromisoformat(stamp.group(0)).replace(tzinfo=datetime.timezone.utc) if stamp else None
        info = versions.setdefault(version, {'uploaded': None, 'files': []})
        info['files'].append(filename)
        if uploaded and (info['uploaded'] is None or uploaded < info['uploaded']):
            info['uploaded'] = uploaded  # a version's date: its first file's upload
    seen[project] = versions
    return versions

def _launchpad_pip_as_of(specs, created, upgrade=()):
    """(['name==version', ...] sorted, how): what pip would have installed for specs as of created (the
    lock's ISO 8601 UTC time; None: as of today), found by a dry run, to constrain the install;
    (None, why) when nothing resolves as of then or the index cannot tell. upgrade: installed
    distributions resolved again (pip's --upgrade, uv's --upgrade-package)."""
    import datetime, json, os, re, shutil, subprocess, sys, tempfile
    try:
        from packaging.version import InvalidVersion, Version
    except ImportError:
        from pip._vendor.packaging.version import InvalidVersion, Version
    if not specs:
        return [], 'nothing to resolve'
    stamp = re.match(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d', created or '')
    if created is not None and not stamp:
        return None, 'the lock has no date'
    cutoff = datetime.datetime.fromisoformat(stamp.group(0)).replace(tzinfo=datetime.timezone.utc) if stamp else None
    when = cutoff.strftime('%Y-%m-%dT%H:%M:%SZ') if cutoff else 'today'
    index = _launchpad_index_url()
    listed = lambda pairs: sorted((f'{n}=={v}' for n, v in pairs), key=str.lower)
    uv = shutil.which('uv')
    if uv and cutoff:
        again = [arg for name in upgrade for arg in ('--upgrade-package', name)]
        argv = [uv, 'pip', 'install', '--system', '--python', sys.executable, '--dry-run', '--index-url', index, '--exclude-newer', when, *again, *specs]
        print('$ ' + _launchpad_redacted(' '.join(argv)), flush=True)
        try:
            done = subprocess.run(argv, capture_output=True, text=True, errors='replace', stdin=subprocess.DEVNULL, timeout=900,
                                  env=dict(os.environ, **_launchpad_uv_env()))
        except (OSError, subprocess.SubprocessError) as error:
            return None, f'uv failed: {error}'
        print(done.stdout + done.stderr, end='', flush=True)
        if done.returncode != 0:
            return None, f'uv --exclude-newer {when} found no versions that fit'
        return listed(re.findall(r'^\s*\+\s*([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)', done.stdout + done.stderr, re.M)), 'uv --exclude-newer'
    work = tempfile.mkdtemp(prefix='launchpad-as-of-')
    try:
        def dry_run(extra, exclude=None):
            report = os.path.join(work, 'report.json')
            env = {'PIP_CONSTRAINT': ' '.join(filter(None, [os.environ.get('PIP_CONSTRAINT'), exclude]))} if exclude else None
            _launchpad_run(f'pip install (dry run as of {when})', [sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check', '--dry-run',
                                                                  '--quiet', '--report', report, *(['--upgrade'] if upgrade else []), *extra, *specs], env=env)
            with open(report, encoding='utf-8') as f:
                return [(item['metadata']['name'], item['metadata']['version']) for item in json.load(f).get('install', [])]

        try:
            if cutoff is None:
                return listed(dry_run([])), 'as of today'
            help_text = subprocess.run([sys.executable, '-m', 'pip', 'install', '--help'], capture_output=True, text=True,
                                       errors='replace', stdin=subprocess.DEVNULL).stdout
            if '--uploaded-prior-to' in help_text:
                return listed(dry_run(['--uploaded-prior-to', when])), 'pip --uploaded-prior-to'
            excluded, seen = {}, {}
            for _ in range(8):
                exclude = os.path.join(work, 'exclude.txt')
                with open(exclude, 'w', encoding='utf-8') as f:
                    f.write(''.join(f'{name}' + ','.join(f'!={v}' for v in sorted(vs)) + '\n' for name, vs in excluded.items()))
                picked, newer = dry_run([], exclude), False
                for name, version in picked:
                    versions = _launchpad_index_versions(index, name, seen)
                    if not any(info['uploaded'] for info in versions.values()):
                        return None, f'{_launchpad_redacted(index)} gives no upload times for {name}'
                    try:
                        uploaded = versions.get(str(Version(version)), {}).get('uploaded')
                    except InvalidVersion:
                        uploaded = None
                    if uploaded and uploaded > cutoff:
                        excluded.setdefault(name, set()).update(v for v, info in versions.items() if info['uploaded'] and info['uploaded'] > cutoff)
                        newer = True
                if not newer:
                    return listed(picked), f'upload times from {_launchpad_redacted(index)}'
            return None, 'pip still picked newer versions after 8 tries'
        except LaunchpadError:
            return None, 'pip found no versions that fit'
        except (OSError, ValueError, KeyError, TypeError) as error:
            return None, f'the upload times could not be read: {error}'
    finally:
        shutil.rmtree(work, ignore_errors=True)

def _launchpad_no_wheel(packages, say):
    """The names in packages ('name==version') whose version has no wheel this interpreter can
    install (only an sdist, which would build, or wheels for other Pythons), by the index's files."""
    import urllib.error
    try:
        from packaging.tags import sys_tags
        from packaging.utils import InvalidWheelFilename, parse_wheel_filename
        from packaging.version import InvalidVersion, Version
    except ImportError:
        from pip._vendor.packaging.tags import sys_tags
        from pip._vendor.packaging.utils import InvalidWheelFilename, parse_wheel_filename
        from pip._vendor.packaging.version import InvalidVersion, Version
    ours = set(sys_tags())
    index, seen, names = _launchpad_index_url(), {}, []

    def fits(filename):
        try:
            return filename.endswith('.whl') and bool(parse_wheel_filename(filename)[3] & ours)
        except InvalidWheelFilename:
            return False

    for pin in packages[:150]:
        name, _, version = pin.partition('==')
        try:
            version = str(Version(version))
        except InvalidVersion:
            continue
        try:
            files = _launchpad_index_versions(index, name, seen).get(version, {}).get('files', [])
        except (OSError, ValueError) as error:
            if isinstance(error, urllib.error.HTTPError) and error.code == 404:  # this project is not on the index
                say(f'could not tell whether {pin} has a wheel for this Python ({error}).')
                continue
            # The index cannot tell (no JSON API, offline, refused): said once.
            say(f'could not tell which locked versions have a wheel for this Python ({error}).')
            break
        if not any(fits(filename) for filename in files):
            names.append(name)
    return names`;
