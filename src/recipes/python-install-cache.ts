/**
 * "Keep installs on Drive" (drive-and-installs.md §A.3): a versioned wheelhouse, one archive per key
 * plus a manifest in MyDrive/.colab-launchpad/pip/. Key = Python version, platform tag (glibc),
 * accelerator build (torch's local version, tpu, gpu, cpu), the preinstalled torch version and a
 * hash of the requirements still missing; the Colab release tag is metadata only (it changes with
 * every image build).
 *
 * Trust (security review M1): what authorizes an archive is `allowed`, the sha256 digests this
 * user's Launchpad recorded for each key (kept in the extension's storage with the preset, written
 * into the cell as literals). Drive's manifest only proves the archive is complete: anything that
 * can write the user's Drive can rewrite it. A hit copies the archive to local disk, checks its
 * sha256 against `allowed` BEFORE anything is extracted or installed, and installs with
 * --no-index --find-links (uv where Colab ships it, else pip). A miss — no archive, or one that is
 * truncated, half-synced, not authorized, for another Python, or a failed offline install —
 * installs online (resolved against what is installed, wheels built once, installed from them),
 * then writes the archive under a temporary name, renames it, writes the manifest last and prints
 * `LAUNCHPAD_CACHE {"key", "sha256"}` for Launchpad to record. Every cache problem ends in an online
 * install and a line saying why; only Launchpad's folder on Drive is ever written or pruned.
 */

export const pipCacheSource = String.raw`def _launchpad_pip_cached(specs, cache, allowed=None):
    """Installs specs from the wheel archive kept on Drive in cache (offline) when its sha256 is one
    Launchpad recorded for its key (allowed: {key: [sha256, ...]}), else online; after an online
    install the wheels are kept there for the next runtime. Never fails because of the cache."""
    import hashlib, importlib, json, os, re, shutil, sys, tarfile, tempfile, time
    cap_bytes = 4 * 2**30  # archives kept in all; the oldest keys go first
    say = lambda text: print('Install cache: ' + text, flush=True)
    pip = [sys.executable, '-m', 'pip']
    quiet = ['--disable-pip-version-check']

    def online_plain():
        _launchpad_run('pip install', [*pip, 'install', *quiet, *specs])

    drive_root = os.path.dirname(os.path.normpath(cache))
    if not os.path.isdir(drive_root):
        say(f'Google Drive is not mounted ({drive_root} is missing), so this install is not kept on Drive. '
            'Put Mount Drive before this step to keep it.')
        return online_plain()

    # The key: the runtime's (§A.3), the preinstalled torch and the requirements. The Colab release tag is metadata only.
    runtime = _launchpad_runtime_key()
    python, plat, accelerator, torch = runtime['python'], runtime['platform'], runtime['accelerator'], runtime['torch']
    wanted = sorted({spec.strip() for spec in specs})
    digest = hashlib.sha256('\n'.join(wanted).encode('utf-8')).hexdigest()[:16]
    safe = lambda text: re.sub(r'[^A-Za-z0-9._]+', '_', text)
    key = '-'.join([runtime['key'], 'torch' + safe(torch or 'none'), digest])
    folder = os.path.join(cache, 'pip')
    trusted = set((allowed or {}).get(key) or ())  # the digests this user's Launchpad recorded
    not_ours = (f'its archive on Drive was changed or was not made by this Launchpad (its sha256 is not one '
                f'Launchpad recorded for {key}).')
    archive, manifest = os.path.join(folder, key + '.tar'), os.path.join(folder, key + '.json')

    def sha256_of(path):
        h = hashlib.sha256()
        with open(path, 'rb') as f:
            for block in iter(lambda: f.read(1 << 20), b''):
                h.update(block)
        return h.hexdigest()

    def read_manifest(path):
        try:
            with open(path, encoding='utf-8') as f:
                data = json.load(f)
            return data if isinstance(data, dict) else None
        except (OSError, ValueError):
            return None

    def install_offline(wheels):
        links = ['--no-index', '--find-links', wheels]
        uv = shutil.which('uv')
        if uv:
            _launchpad_run('uv pip install (offline)', [uv, 'pip', 'install', '--system', '--python', sys.executable,
                                                        *links, *specs], env=_launchpad_uv_env())
        else:
            _launchpad_run('pip install (offline)', [*pip, 'install', *quiet, *links, *specs])

    local = tempfile.mkdtemp(prefix='launchpad-wheels-')
    try:
        # Hit: the manifest is written last, so an archive without a matching one is not trusted.
        entry = read_manifest(manifest) if os.path.exists(manifest) else None
        reason = None
        if entry is None:
            if os.path.exists(manifest):
                reason = 'its manifest cannot be read.'
            elif os.path.exists(archive):
                reason = 'its archive has no manifest (an earlier upload did not finish).'
            else:
                reason = 'nothing kept for these packages yet.'
            others = [n for n in _launchpad_listdir(folder) if n.endswith('-' + digest + '.json') and n != key + '.json']
            if others:
                old = read_manifest(os.path.join(folder, others[0])) or {}
                if old.get('python') and old.get('python') != python:
                    reason = f'the kept installs are for Python {old.get("python")}; this runtime has Python {python}.'
                else:
                    reason = 'the kept installs are for another runtime (' + others[0][:-5] + ').'
        elif entry.get('key') != key or entry.get('python') != python:
            reason = 'its manifest is for another runtime.'
        elif not os.path.isfile(archive):
            reason = 'its archive is missing on Drive.'
        elif not isinstance(entry.get('sha256'), str) or entry.get('sha256') not in trusted:
            reason = not_ours
        elif os.path.getsize(archive) != entry.get('size'):
            reason = (f'its archive on Drive is {os.path.getsize(archive)} bytes, the manifest says {entry.get("size")} '
                      '(truncated, or Drive has not synced it yet).')
        if reason is None:
            started = time.monotonic()
            copy = os.path.join(local, 'wheels.tar')
            try:
                shutil.copyfile(archive, copy)
                checksum = sha256_of(copy)
                matches = os.path.getsize(copy) == entry.get('size') and checksum == entry.get('sha256')
            except OSError as error:  # Drive went away mid-copy, or the local disk is full
                matches, reason = False, f'its archive could not be copied from Drive ({error}).'
            if reason is None and not matches:
                reason = 'its archive does not match its manifest (size or sha256).'
            # The check that authorizes: the local copy (what is extracted) against the recorded digests.
            if reason is None and checksum not in trusted:
                reason = not_ours
            if reason is None:
                wheels = os.path.join(local, 'wheels')
                os.mkdir(wheels)
                try:
                    with tarfile.open(copy) as tar:
                        members = tar.getmembers()
                        if not members or any(not m.isfile() or not re.fullmatch(r'[A-Za-z0-9_.+-]+\.whl', m.name) for m in members):
                            raise ValueError('unexpected entries')
                        for member in members:
                            with tar.extractfile(member) as src, open(os.path.join(wheels, member.name), 'wb') as dst:
                                shutil.copyfileobj(src, dst)
                except (OSError, ValueError, tarfile.TarError) as error:
                    reason = f'its archive cannot be read ({error}).'
            if reason is None:
                say(f'installing {len(members)} wheel(s) kept on Drive, offline ({key}).')
                try:
                    install_offline(wheels)
                except LaunchpadError as error:
                    reason = f'the offline install failed ({error}).'
                else:
                    importlib.invalidate_caches()
                    say(f'installed from Drive in {time.monotonic() - started:.1f} s, without the package index.')
                    return

        # Miss: resolve online against what is installed, build the wheels, install from them, keep them.
        say(f'{reason} Installing online, then keeping the wheels on Drive.')
        wheels = os.path.join(local, 'built')
        report = os.path.join(local, 'report.json')
        try:
            _launchpad_run('pip install (resolve)', [*pip, 'install', *quiet, '--dry-run', '--quiet', '--report', report, *specs])
            with open(report, encoding='utf-8') as f:
                items = json.load(f).get('install', [])
            pins = [f"{item['metadata']['name']}=={item['metadata']['version']}" for item in items]
            if pins:
                _launchpad_run('pip wheel', [*pip, 'wheel', *quiet, '--no-deps', '--wheel-dir', wheels, *pins])
            else:
                os.mkdir(wheels)
            install_offline(wheels)
        except (LaunchpadError, OSError, ValueError, KeyError, TypeError) as error:
            say(f'could not build the wheels ({error}); installing online without keeping them.')
            return online_plain()
        importlib.invalidate_caches()
        names = sorted(n for n in os.listdir(wheels) if n.endswith('.whl'))
        if not names:
            return
        bundle = os.path.join(local, key + '.tar')
        try:
            with tarfile.open(bundle, 'w') as tar:
                for name in names:
                    tar.add(os.path.join(wheels, name), arcname=name)
            size, checksum = os.path.getsize(bundle), sha256_of(bundle)
        except OSError as error:  # the local disk is full
            say(f'could not pack the wheels ({error}). The packages are installed; nothing was kept on Drive.')
            return
        if size > cap_bytes:
            say(f'the wheels are {size / 2**20:.0f} MiB, more than the {cap_bytes / 2**30:.0f} GiB kept on Drive: not kept.')
            return
        partial = f'{archive}.partial-{os.getpid()}'
        written = []
        try:
            os.makedirs(folder, exist_ok=True)
            if os.path.exists(manifest):
                os.remove(manifest)  # first: an archive without its manifest is never trusted
            written.append(partial)
            shutil.copyfile(bundle, partial)
            os.replace(partial, archive)
            written.remove(partial)
            meta = {'key': key, 'python': python, 'platform': plat, 'accelerator': accelerator, 'torch': torch,
                    'requirements': wanted, 'wheels': names, 'size': size, 'sha256': checksum,
                    'created': time.time(), 'colab_release_tag': os.environ.get('COLAB_RELEASE_TAG')}
            written.append(manifest + '.partial')
            with open(manifest + '.partial', 'w', encoding='utf-8') as f:
                json.dump(meta, f, indent=1)
            os.replace(manifest + '.partial', manifest)
            written.remove(manifest + '.partial')
        except OSError as error:
            for path in written:
                try:
                    os.remove(path)
                except OSError:
                    pass
            say(f'could not keep the wheels on Drive ({error}). The packages are installed; '
                'nothing else on Drive was changed.')
            return
        say(f'kept {len(names)} wheel(s), {size / 2**20:.1f} MiB, on Drive as {key}.tar.')
        # Launchpad records this digest with the preset: only then is the archive installed again.
        print('LAUNCHPAD_CACHE ' + json.dumps({'key': key, 'sha256': checksum}), flush=True)
        try:
            _launchpad_prune_cache(folder, key, python, cap_bytes, say)
        except Exception as error:  # tidying never fails a step that installed (review L5)
            say(f'could not tidy the kept installs ({error!r}); the packages are installed.')
    finally:
        shutil.rmtree(local, ignore_errors=True)

def _launchpad_listdir(folder):
    import os
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []

def _launchpad_prune_cache(folder, current, python, cap_bytes, say):
    """Drops kept installs of other Python versions, then the oldest ones over the size cap.
    Only Launchpad's own files in its own folder are ever removed: <key>.tar, <key>.json, partials."""
    import json, os, re, time
    own = re.compile(r'cp\d+-[A-Za-z0-9._]+-[A-Za-z0-9._]+-torch[A-Za-z0-9._]+-[0-9a-f]{16}')
    entries = []
    for name in _launchpad_listdir(folder):
        path = os.path.join(folder, name)
        stem = name.split('.tar', 1)[0] if '.tar' in name else name[:-5] if name.endswith('.json') else None
        if stem is None or not own.fullmatch(stem):
            continue
        if '.partial' in name:
            try:
                if time.time() - os.path.getmtime(path) > 3600:
                    os.remove(path)
            except OSError:
                pass
            continue
        if not name.endswith('.json') or stem == current:
            continue
        try:
            with open(path, encoding='utf-8') as f:
                meta = json.load(f)
        except (OSError, ValueError):
            continue
        if not isinstance(meta, dict):  # not written by Launchpad: left alone
            continue
        try:
            created = float(meta.get('created') or 0)
        except (TypeError, ValueError, OverflowError):
            created = 0.0
        try:
            size = int(meta.get('size') or 0)
        except (TypeError, ValueError, OverflowError):
            size = 0
        entries.append((created, stem, meta.get('python'), size))
    current_size = 0
    try:
        current_size = os.path.getsize(os.path.join(folder, current + '.tar'))
    except OSError:
        pass

    def drop(stem, why):
        for suffix in ('.json', '.tar'):  # manifest first: never a manifest without its archive
            try:
                os.remove(os.path.join(folder, stem + suffix))
            except OSError:
                pass
        say(f'removed {stem} ({why}).')

    kept = []
    for created, stem, their_python, size in sorted(entries, key=lambda entry: (entry[0], entry[1])):
        if their_python != python:
            drop(stem, f'for Python {their_python}, this runtime has Python {python}')
        else:
            kept.append((stem, size))
    total = current_size + sum(size for _, size in kept)
    for stem, size in kept:
        if total <= cap_bytes:
            break
        drop(stem, f'the oldest, over the {cap_bytes / 2**30:.0f} GiB kept on Drive')
        total -= size`;

/** Clear install cache: removes Launchpad's folder on Drive (the toolbar asks first). */
export const clearInstallCacheSource = String.raw`def _launchpad_clear_install_cache(cache):
    """Removes Launchpad's own folder on Drive (kept installs), nothing else."""
    import os, shutil
    drive_root = os.path.dirname(os.path.normpath(cache))
    if not os.path.isdir(drive_root):
        raise LaunchpadError(f'clear install cache: Google Drive is not mounted ({drive_root} is missing). Run Mount Drive first.')
    if not os.path.lexists(cache):
        print(f'Nothing to clear: {cache} does not exist.')
        return
    if os.path.islink(cache) or not os.path.isdir(cache):
        raise LaunchpadError(f'clear install cache: {cache} is not a folder; left alone.')
    count, size = 0, 0
    for dirpath, _, filenames in os.walk(cache):
        for name in filenames:
            count += 1
            try:
                size += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass
    shutil.rmtree(cache)  # removes symlinks inside, never what they point to
    print(f'Removed {cache}: {count} file(s), {size / 2**20:.1f} MiB. Nothing else on Drive was changed.')`;
