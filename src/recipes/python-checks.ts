/**
 * A preset's own checks (issue 19 part 4, src/shared/setup-checks.ts), run by Run setup in one cell
 * after the steps. The checks reach Python as ONE string literal of JSON written by quote.ts
 * (`pyStr`), parsed by `json.loads`: no value is ever Python or shell source, and IPython expands
 * nothing inside a string literal (`$HOME`, `{x}` stay as typed). Every check runs, each printing
 * `LAUNCHPAD_CHECK {json}` (parsers/pip-safe.ts) that Run setup counts with the default import
 * checks (the cell: cell.ts `checksCell`); then, if any failed, the cell raises LaunchpadError naming each failure:
 *
 * - import: in a child process (as the default import check, so the notebook's process imports
 *   nothing new), with this process's sys.path; the version is the installed distribution's that
 *   provides the module (else the module's `__version__`), compared with `packaging` (pip's copy
 *   when the package is missing). Fails with the module's error, or found vs wanted.
 * - command: argv without a shell, stdin from /dev/null, in the notebook's working directory, with
 *   its time limit. Fails with the exit status and the last line of stderr (else stdout).
 * - file / folder: the path as written, relative to the working directory; `~` is not expanded.
 * - gpu: `nvidia-smi --query-gpu=name --format=csv,noheader`; passes when a GPU's name contains the
 *   model, ignoring case. No nvidia-smi, or one that fails, is "no GPU" with its message.
 */
export const checksSource = String.raw`def _launchpad_checks(spec):
    """Runs a preset's checks (a JSON list), prints LAUNCHPAD_CHECK per check, raises naming the failures."""
    import json, os, shlex, shutil, subprocess, sys
    checks = json.loads(spec)
    cut = lambda text, n: text if len(text) <= n else text[:n - 1] + '…'
    last_line = lambda text: next((line.strip() for line in reversed(text.splitlines()) if line.strip()), '')

    imports = [c for c in checks if c['kind'] == 'import']
    said = {}
    if imports:
        probe = ('import importlib, importlib.metadata, json, sys\n'
                 'def version(module, loaded):\n'
                 '    top = module.split(".")[0]\n'
                 '    names = getattr(importlib.metadata, "packages_distributions", dict)().get(top) or [top]\n'
                 '    for name in names:\n'
                 '        try:\n'
                 '            return importlib.metadata.version(name)\n'
                 '        except importlib.metadata.PackageNotFoundError:\n'
                 '            pass\n'
                 '    found = getattr(loaded, "__version__", None)\n'
                 '    return found if isinstance(found, str) else None\n'
                 'for module in json.loads(sys.argv[1]):\n'
                 '    try:\n'
                 '        loaded = importlib.import_module(module)\n'
                 '        print(json.dumps([module, None, version(module, loaded)]))\n'
                 '    except BaseException as error:\n'
                 '        print(json.dumps([module, (type(error).__name__ + ": " + str(error)).splitlines()[0][:300], None]))\n')
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p or os.getcwd() for p in sys.path), PYTHONUNBUFFERED='1')
        modules = list(dict.fromkeys(c['module'] for c in imports))
        try:
            result = subprocess.run([sys.executable, '-c', probe, json.dumps(modules)], stdin=subprocess.DEVNULL,
                                    capture_output=True, text=True, errors='replace', env=env, timeout=600)
            ended = 'the import check ended early: ' + cut(last_line(result.stderr) or 'no output', 300)
            lines = result.stdout.splitlines()
        except subprocess.TimeoutExpired:
            ended, lines = 'the import check did not finish within 600 s', []
        for line in lines:
            try:
                module, error, found = json.loads(line)
                said[module] = (error, found)
            except ValueError:
                pass

    def specifier_set(wanted):
        try:
            from packaging.specifiers import SpecifierSet
            from packaging.version import Version
        except ImportError:
            from pip._vendor.packaging.specifiers import SpecifierSet
            from pip._vendor.packaging.version import Version
        return SpecifierSet(wanted), Version

    def run_import(check):
        module, wanted = check['module'], check.get('version')
        error, found = said.get(module, (ended, None))
        if error:
            return error
        if wanted is None:
            return None
        if found is None:
            return f'imports, but its version is unknown (wanted {wanted})'
        spec, Version = specifier_set(wanted)
        try:
            ok = spec.contains(Version(found), prereleases=True)
        except ValueError:
            ok = False
        return None if ok else f'version {found} found, {wanted} wanted'

    def run_command(check):
        argv, limit = check['argv'], check.get('timeout', 60)
        try:
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, errors='replace',
                                  timeout=limit, env=dict(os.environ, PYTHONUNBUFFERED='1', GIT_TERMINAL_PROMPT='0'))
        except FileNotFoundError:
            return f'{argv[0]}: command not found'
        except subprocess.TimeoutExpired:
            return f'did not finish within {limit} s'
        except OSError as error:
            return f'could not start: {error}'
        if done.returncode == 0:
            return None
        how = f'killed by signal {-done.returncode}' if done.returncode < 0 else f'exit status {done.returncode}'
        tail = last_line(done.stderr) or last_line(done.stdout)
        return how + (f': {cut(tail, 300)}' if tail else '')

    def run_path(check):
        path, folder = check['path'], check['kind'] == 'folder'
        if os.path.isdir(path) if folder else os.path.isfile(path):
            return None
        if os.path.exists(path):
            return 'is a file, not a folder' if folder else 'is a folder, not a file'
        return f'not found (in {os.getcwd()})' if not os.path.isabs(path) else 'not found'

    def run_gpu(check):
        wanted = check['model']
        smi = shutil.which('nvidia-smi')
        if smi is None:
            return f'{wanted} wanted, no GPU (nvidia-smi not found: a CPU or TPU runtime)'
        query = subprocess.run([smi, '--query-gpu=name', '--format=csv,noheader'], stdin=subprocess.DEVNULL,
                               capture_output=True, text=True, errors='replace', timeout=60)
        names = [line.strip() for line in query.stdout.splitlines() if line.strip()]
        if query.returncode != 0 or not names:
            return f'{wanted} wanted, no GPU (' + cut(last_line(query.stderr + query.stdout) or f'nvidia-smi exit status {query.returncode}', 200) + ')'
        if any(wanted.lower() in name.lower() for name in names):
            return None
        return f'{wanted} wanted, found ' + ', '.join(names)

    runners = {'import': run_import, 'command': run_command, 'file': run_path, 'folder': run_path, 'gpu': run_gpu}
    subjects = {'import': lambda c: c['module'] + c.get('version', ''), 'command': lambda c: shlex.join(c['argv']),
                'file': lambda c: c['path'], 'folder': lambda c: c['path'], 'gpu': lambda c: c['model']}
    failed = []
    for check in checks:
        kind, name = check['kind'], subjects[check['kind']](check)
        try:
            error = runners[kind](check)
        except Exception as problem:
            error = f'{type(problem).__name__}: {problem}'
        result = {'kind': kind, 'name': cut(' '.join(name.splitlines()), 200), 'ok': error is None}
        if error:
            result['detail'] = cut(' '.join(error.splitlines()), 400)
            failed.append(f'{kind} {result["name"]}: {result["detail"]}')
        print(('Check passed: ' if error is None else 'Check FAILED: ') + f'{kind} {name}' + (f' ({error})' if error else ''))
        print('LAUNCHPAD_CHECK ' + json.dumps(result, ensure_ascii=True), flush=True)
    if failed:
        raise LaunchpadError(cut(f'{len(failed)} of {len(checks)} checks failed: ' + '; '.join(failed), 2000))
    print(f'All {len(checks)} checks passed.')`;
