/**
 * Python sources for Set up this project (issue 18): the reader that looks at a cloned
 * repository's own setup files, and the install steps it can lead to. Only the service worker
 * loads them (through python-helpers.ts); no user value is part of their text.
 *
 * The reader (`_launchpad_read_project`) runs nothing from the repository and installs nothing.
 * It looks for repo2docker's files, in repo2docker's places: `.binder/` or `binder/` when one
 * exists, else the root, for environment.yml, requirements.txt, apt.txt, runtime.txt and the
 * files it only names; pyproject.toml and setup.py at the root. It prints a short human summary
 * and, last, ONE line `LAUNCHPAD_PROJECT {json}` that src/recipes/project.ts validates and turns
 * into proposed steps (the catalogue's pip and apt rules are applied there, not here). What it
 * sends per file:
 * - requirements: its non-blank lines as [number, text], and the files its `-r`/`-c` lines
 *   include (inside the repository only; pip resolves them from the including file's folder);
 * - pyproject: whether it has a [project] table, its `dependencies`, whether it is a package
 *   (a [build-system] table) — read with tomllib (Python 3.11+);
 * - environment: the conda entries and the `pip:` entries — read with PyYAML's safe loader,
 *   with aliases refused (a "billion laughs" file cannot blow up the kernel);
 * - apt: its non-blank lines; runtime: its first line and the runtime's own Python;
 * - setup.py, postBuild, start, Dockerfile, Pipfile, install.R, Project.toml: named only.
 * A file larger than 32 KB, not UTF-8, or that does not parse is a problem naming the file (and
 * the line where one is known), and nothing of it is sent. The whole line stays under 60 KB
 * (the page script reads 64 KB of a cell's output).
 */

export const readProjectSource = String.raw`def _launchpad_read_project(root):
    """Reads the repository's own setup files and prints LAUNCHPAD_PROJECT {json}. Runs and installs nothing."""
    import json, os, platform, posixpath, re
    if not os.path.isdir(root):
        raise LaunchpadError(f'read project: {root} is not a folder')
    base = os.path.realpath(root)
    config = next((d for d in ('.binder', 'binder') if os.path.isdir(os.path.join(base, d))), '')
    result = {'version': 1, 'config': config, 'python': platform.python_version(), 'files': [], 'problems': []}

    def problem(name, reason, line=None, detail=''):
        result['problems'].append({'file': name, 'line': line, 'reason': reason, 'detail': str(detail)[:300]})

    def text_of(name):
        """The file's text, None when absent; a problem (and None) when it is unusable."""
        path = os.path.join(base, name)
        if not os.path.lexists(path):
            return None
        real = os.path.realpath(path)
        if not real.startswith(base + os.sep) or not os.path.isfile(real):
            problem(name, 'not-a-file')
            return None
        size = os.path.getsize(real)
        if size > 32 * 1024:
            problem(name, 'too-large', detail=size)
            return None
        with open(real, 'rb') as f:
            data = f.read()
        try:
            return data.decode('utf-8-sig')
        except UnicodeDecodeError as error:
            problem(name, 'not-utf8', data[:error.start].count(b'\n') + 1)
            return None

    def numbered(text):
        return [[n, line.rstrip('\r')] for n, line in enumerate(text.split('\n'), 1) if line.strip()]

    in_config = lambda name: posixpath.join(config, name) if config else name
    found = []

    # requirements.txt and the files its -r / -c lines include (pip reads those relative to the including file).
    queue, seen = [in_config('requirements.txt')], set()
    include = re.compile(r'^\s*(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)\s*(?:#.*)?$')
    while queue and len(seen) < 20:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.add(name)
        text = text_of(name)
        if text is None:
            continue
        lines = numbered(text)
        result['files'].append({'file': name, 'kind': 'requirements', 'lines': lines})
        found.append(name)
        for number, line in lines:
            match = include.match(line)
            if match:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), match.group(1)))
                if not target.startswith('../') and target != '..' and not target.startswith('/'):
                    queue.append(target)

    text = text_of('pyproject.toml')
    if text is not None:
        found.append('pyproject.toml')
        try:
            import tomllib
        except ImportError:
            problem('pyproject.toml', 'no-toml')
        else:
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                at = re.search(r'line (\d+)', str(error))
                problem('pyproject.toml', 'malformed', int(at.group(1)) if at else None, error)
            else:
                project = data.get('project')
                entry = {'file': 'pyproject.toml', 'kind': 'pyproject', 'project': isinstance(project, dict),
                         'package': isinstance(data.get('build-system'), dict), 'dependencies': []}
                deps = project.get('dependencies', []) if isinstance(project, dict) else []
                if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
                    problem('pyproject.toml', 'malformed', None, '[project] dependencies is not a list of strings')
                else:
                    entry['dependencies'] = deps
                    result['files'].append(entry)

    name = in_config('environment.yml')
    text = text_of(name)
    if text is not None:
        found.append(name)
        try:
            import yaml
        except ImportError:
            yaml = None
            problem(name, 'no-yaml')
        if yaml is not None:
            class Loader(yaml.SafeLoader):
                def compose_node(self, parent, index):
                    if self.check_event(yaml.AliasEvent):
                        raise yaml.MarkedYAMLError(problem='aliases (*name) are not read',
                                                   problem_mark=self.peek_event().start_mark)
                    return super().compose_node(parent, index)
            try:
                data = yaml.load(text, Loader=Loader)
            except yaml.YAMLError as error:
                mark = getattr(error, 'problem_mark', None)
                problem(name, 'malformed', mark.line + 1 if mark is not None else None, error)
            else:
                deps = data.get('dependencies', []) if isinstance(data, dict) else None
                conda, pip, ok = [], [], isinstance(deps, list)
                for item in deps if ok else []:
                    if isinstance(item, (str, int, float)):
                        conda.append(str(item))
                    elif isinstance(item, dict) and list(item) == ['pip'] and isinstance(item['pip'], list) \
                            and all(isinstance(p, str) for p in item['pip']):
                        pip.extend(item['pip'])
                    else:
                        ok = False
                if ok:
                    result['files'].append({'file': name, 'kind': 'environment', 'conda': conda, 'pip': pip})
                else:
                    problem(name, 'malformed', None, 'dependencies is not a list of names and one pip: list')

    for kind, file in (('apt', 'apt.txt'), ('runtime', 'runtime.txt')):
        name = in_config(file)
        text = text_of(name)
        if text is not None:
            found.append(name)
            result['files'].append({'file': name, 'kind': kind, 'lines': numbered(text)[:200]})

    for name in ['setup.py', *(in_config(f) for f in ('postBuild', 'start', 'Dockerfile', 'Pipfile', 'install.R', 'Project.toml'))]:
        if os.path.lexists(os.path.join(base, name)):
            found.append(name)
            result['files'].append({'file': name, 'kind': 'named'})

    line = json.dumps(result, ensure_ascii=True)
    if len(line) > 60000:
        kept = [f for f in result['files'] if f['kind'] == 'named']
        for f in result['files']:
            if f['kind'] != 'named':
                problem(f['file'], 'too-large', detail='together with the other files')
        result['files'] = kept
        line = json.dumps(result, ensure_ascii=True)
    print(f'Read {root}: ' + (', '.join(found) if found else 'no setup file found') + '.')
    print('Nothing was installed or run. Review the proposed steps in Launchpad\'s dialog.')
    print('LAUNCHPAD_PROJECT ' + line)`;

/**
 * `pip install -r <file>` and `pip install -e <path>`, held and checked as a pip-install step is
 * (python-pip-safe.ts): nothing Colab's runtime depends on changes unless the user confirmed it
 * (`held_ok`: Install anyway), the preinstalled torch is kept unless the step names torch, a restart
 * follows an install that needs one (`restart`), and the distributions the step names (the
 * requirements file's lines; an editable project's pyproject.toml dependencies) that it installed
 * or changed must import. Where the names are not known (a setup.py project) the import check has
 * nothing to check and the torch build is not held (its dependencies may name torch). pip itself
 * skips what is already satisfied.
 */
export const pipProjectSource = String.raw`def _launchpad_pip_requirements(file, held_ok=(), restart=False):
    """pip-installs a requirements file (Set up this project checked its lines first)."""
    import os, re
    if not os.path.isfile(file):
        raise LaunchpadError(f'pip install -r: {file} is not a file (clone the repository and cd into it first)')
    names = []
    with open(file, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = re.split(r'(?:^|\s)#', line, 1)[0].strip()
            name = re.match(r'[A-Za-z0-9][A-Za-z0-9._-]*', line)
            if name:
                names.append(name.group(0))
    _launchpad_pip_project(['-r', file], names, held_ok, restart)


def _launchpad_pip_editable(path, held_ok=(), restart=False):
    """pip-installs the package at path in editable mode (with its dependencies)."""
    import os, re
    if not os.path.isdir(path):
        raise LaunchpadError(f'pip install -e: {path} is not a folder (clone the repository first)')
    names = None  # not known: a setup.py, or a pyproject.toml this Python cannot read
    try:
        import tomllib
        with open(os.path.join(path, 'pyproject.toml'), 'rb') as f:
            dependencies = tomllib.load(f).get('project', {}).get('dependencies', [])
        if isinstance(dependencies, list):
            names = [m.group(0) for m in (re.match(r'[A-Za-z0-9][A-Za-z0-9._-]*', str(d).strip()) for d in dependencies) if m]
    except Exception:
        pass
    _launchpad_pip_project(['-e', path], names, held_ok, restart)


def _launchpad_pip_project(args, names, held_ok, restart):
    """pip install args, held (_launchpad_pip_guarded) and checked (_launchpad_import_check) for the
    distributions in names it installed or changed; names None: not known."""
    import importlib, re, sys
    before = _launchpad_pip_versions()
    # The guard keeps the preinstalled torch unless the step names it; with the names unknown, it may.
    named = list(names) if names is not None else list(_LAUNCHPAD_TORCH)
    _launchpad_pip_guarded(named, held_ok, lambda: _launchpad_run(
        'pip install', [sys.executable, '-m', 'pip', 'install', '--disable-pip-version-check', *args]))
    importlib.invalidate_caches()
    after = _launchpad_pip_versions()
    wanted = {re.sub(r'[-_.]+', '-', name).lower() for name in names or []}
    _launchpad_import_check(sorted(d for d, version in after.items() if d in wanted and before.get(d) != version))
    _launchpad_pip_restart(before, restart)`;

/** runtime.txt's wish: Colab's Python cannot be chosen, so this only warns (the setup goes on). */
export const pythonVersionSource = String.raw`def _launchpad_python_version(wanted):
    """Warns when this runtime's Python is not the wanted version (a prefix: 3.10 matches 3.10.12)."""
    import platform
    have = platform.python_version()
    if have == wanted or have.startswith(wanted + '.'):
        print(f'Python {have}, as the project asks ({wanted}).')
    else:
        print(f'Warning: the project asks for Python {wanted}, this runtime has Python {have}. '
              'Colab does not let Launchpad change it; some packages may not install or work.')`;
