import { describe, expect, it } from 'vitest';
import { captureCell, installFailed, installedVersions, parseInstallCommands, withoutPresent } from './install-capture';
import { validateSteps } from './catalogue';

const steps = (text: string) => parseInstallCommands(text).steps;
const notCarried = (text: string) => parseInstallCommands(text).notCarried;

describe('parseInstallCommands', () => {
  it('recognizes every install form', () => {
    expect(steps('!pip install einops==0.8.0')).toEqual([{ recipe: 'pip-install', params: { packages: ['einops==0.8.0'] } }]);
    expect(steps('%pip install -q einops rich')).toEqual([{ recipe: 'pip-install', params: { packages: ['einops', 'rich'] } }]);
    expect(steps('!uv pip install --system einops')).toEqual([{ recipe: 'pip-install', params: { packages: ['einops'] } }]);
    expect(steps('!python -m pip install -U einops')).toEqual([{ recipe: 'pip-install', params: { packages: ['einops'] } }]);
    expect(steps('!apt-get install -y ffmpeg')).toEqual([{ recipe: 'apt-install', params: { packages: ['ffmpeg'] } }]);
    expect(steps('!sudo apt install -qq libsndfile1 sox')).toEqual([{ recipe: 'apt-install', params: { packages: ['libsndfile1', 'sox'] } }]);
    expect(steps('!git clone https://github.com/octocat/Hello-World.git')).toEqual([
      { recipe: 'git-clone', params: { url: 'https://github.com/octocat/Hello-World.git' } },
    ]);
    expect(steps('!git clone --depth 1 -b dev https://github.com/a/b repo')).toEqual([
      { recipe: 'git-clone', params: { url: 'https://github.com/a/b', shallow: true, branch: 'dev', dest: 'repo' } },
    ]);
  });

  it('reads several commands, chained and continued, and ignores the rest of the cell', () => {
    const text = 'import os\n!apt-get update && apt-get install -y ffmpeg\n!pip install \\\n  einops\nprint("pip install fake")\n# !pip install commented';
    expect(steps(text)).toEqual([
      { recipe: 'apt-install', params: { packages: ['ffmpeg'] } },
      { recipe: 'pip-install', params: { packages: ['einops'] } },
    ]);
  });

  it('never treats -r, -e, git+ URLs or paths as package names', () => {
    expect(steps('!pip install -r requirements.txt')).toEqual([{ recipe: 'pip-requirements', params: { file: 'requirements.txt' } }]);
    expect(steps('!pip install -e .')).toEqual([{ recipe: 'pip-editable', params: { path: '.' } }]);
    expect(parseInstallCommands('!pip install git+https://github.com/a/b.git')).toEqual({ steps: [], notCarried: [{ text: 'git+https://github.com/a/b.git', reason: 'url' }] });
    expect(parseInstallCommands('!pip install .')).toEqual({ steps: [], notCarried: [{ text: '.', reason: 'path' }] });
    expect(notCarried('!pip install ./dist/x-1.0-py3-none-any.whl')).toEqual([{ text: './dist/x-1.0-py3-none-any.whl', reason: 'path' }]);
    expect(notCarried('!pip install -e git+https://github.com/a/b.git#egg=b')).toEqual([{ text: '-e git+https://github.com/a/b.git#egg=b', reason: 'url' }]);
  });

  it('says which arguments are not carried over, and why', () => {
    const parsed = parseInstallCommands('!pip install --index-url https://download.pytorch.org/whl/cu121 --no-deps torch "bad name!"');
    expect(parsed.steps).toEqual([{ recipe: 'pip-install', params: { packages: ['torch'] } }]);
    expect(parsed.notCarried).toEqual([
      { text: '--index-url https://download.pytorch.org/whl/cu121', reason: 'option' },
      { text: '--no-deps', reason: 'option' },
      { text: 'bad name!', reason: 'invalid' },
    ]);
    expect(notCarried('!apt-get install --no-install-recommends ffmpeg=7.0')).toEqual([
      { text: '--no-install-recommends', reason: 'option' },
      { text: 'ffmpeg=7.0', reason: 'invalid' },
    ]);
    expect(parseInstallCommands('!git clone http://example.com/a/b')).toEqual({ steps: [], notCarried: [{ text: 'git clone http://example.com/a/b', reason: 'invalid' }] });
  });

  it('refuses what only the shell or IPython could expand', () => {
    expect(parseInstallCommands('!pip install $PKG')).toEqual({ steps: [], notCarried: [{ text: 'pip install $PKG', reason: 'shell' }] });
    expect(parseInstallCommands('!pip install {package}')).toEqual({ steps: [], notCarried: [{ text: 'pip install {package}', reason: 'shell' }] });
  });

  it('finds nothing in cells without an install command', () => {
    expect(parseInstallCommands('!pip list\n!git status\nx = "!pip install a"')).toEqual({ steps: [], notCarried: [] });
  });

  it('produces only steps the catalogue accepts', () => {
    const all = steps('!pip install a==1 b[x]>=2\n!apt-get install -y ffmpeg\n!git clone https://github.com/a/b\n!pip install -r req.txt\n!pip install -e pkg');
    expect(validateSteps(all).ok).toBe(true);
  });
});

describe('captureCell', () => {
  it('pins pip packages to the version pip reports', () => {
    const output = 'Collecting einops\nInstalling collected packages: einops\nSuccessfully installed einops-0.8.0 rich_text-1.2\n';
    expect(captureCell('!pip install einops Rich.Text[all]', output)?.steps).toEqual([
      { recipe: 'pip-install', params: { packages: ['einops==0.8.0', 'Rich.Text[all]==1.2'] } },
    ]);
    const satisfied = 'Requirement already satisfied: numpy in /usr/local/lib/python3.12/dist-packages (2.0.2)\n';
    expect(captureCell('!pip install numpy', satisfied)?.steps).toEqual([{ recipe: 'pip-install', params: { packages: ['numpy==2.0.2'] } }]);
  });

  it('keeps the requirement as written when pip did not say (quiet)', () => {
    expect(captureCell('!pip install -q einops', '')?.steps).toEqual([{ recipe: 'pip-install', params: { packages: ['einops'] } }]);
  });

  it('offers nothing for a failed command or a cell without one', () => {
    expect(captureCell('!pip install no-such-package', 'ERROR: Could not find a version that satisfies the requirement no-such-package\nERROR: No matching distribution found for no-such-package\n')).toBeNull();
    expect(captureCell('!apt-get install -y nope', 'E: Unable to locate package nope\n')).toBeNull();
    expect(captureCell('!git clone https://github.com/a/missing', "Cloning into 'missing'...\nfatal: repository 'https://github.com/a/missing/' not found\n")).toBeNull();
    expect(captureCell('print(1)', '1\n')).toBeNull();
  });
});

describe('installFailed / installedVersions', () => {
  it('reads failures and versions', () => {
    expect(installFailed('Successfully installed a-1.0\n')).toBe(false);
    expect(installFailed('/bin/bash: line 1: pipx: command not found\n')).toBe(true);
    expect(installedVersions('Successfully installed torch-2.8.0+cu126 scikit-learn-1.6.1\n')).toEqual(new Map([['torch', '2.8.0+cu126'], ['scikit-learn', '1.6.1']]));
  });
});

describe('withoutPresent', () => {
  it('drops what the preset already installs', () => {
    const captured = steps('!pip install einops==0.8.0 rich\n!apt-get install -y ffmpeg\n!git clone https://github.com/a/b.git');
    const present = [
      { recipe: 'pip-install', params: { packages: ['Einops>=0.7'] } },
      { recipe: 'apt-install', params: { packages: ['ffmpeg'] } },
      { recipe: 'git-clone', params: { url: 'https://github.com/A/b' } },
    ];
    expect(withoutPresent(captured, present)).toEqual([{ recipe: 'pip-install', params: { packages: ['rich'] } }]);
    expect(withoutPresent(captured, [])).toEqual(captured);
  });
});
