import { describe, expect, it } from 'vitest';
import { aptProblem, argProblem, branchProblem, codeProblem, formatIssue, parsePipRequirement, pathProblem, pipProblem, urlProblem } from './validate';

const msg = (problem: { message: string } | undefined) => problem?.message;

describe('pip requirements', () => {
  it.each([
    'torch',
    'opencv-python-headless',
    'zope.interface',
    'numpy==1.26.4',
    'keras>=3',
    'torch>=2.1,<3',
    'jax[cuda12]==0.4.30',
    'transformers[torch,sentencepiece]~=4.44',
    'pandas!=2.2.*',
    'torch==2.5.1+cu121',
    'pkg===weird.1',
    'Django==5.0rc1',
    'x==1.0.post2.dev3',
    '2to3',
  ])('accepts %s', (spec) => {
    expect(pipProblem(spec)).toBeUndefined();
  });

  it.each([
    ['-r', 'invalidPipOption'],
    ['--upgrade', 'invalidPipOption'],
    ['-rrequirements.txt', 'invalidPipOption'],
    ['git+https://github.com/a/b', 'invalidPipUrl'],
    ['https://x/y.whl', 'invalidPipUrl'],
    ['./local', 'invalidPipUrl'],
    ['pkg @ https://x', 'invalidPipUrl'],
    ['pkg@https://x', 'invalidPipUrl'],
    ['torch-2.0-cp311.whl', 'invalidPipUrl'],
    ["torch;python_version<'3.12'", 'invalidPipMarker'],
    ['torch>=', 'invalidPipRequirement'],
    ['torch >=2', 'invalidPipRequirement'],
    ['to rch', 'invalidPipRequirement'],
    ['-', 'invalidPipOption'],
    ['_torch', 'invalidPipRequirement'],
    ['torch$(id)', 'invalidPipRequirement'],
    ["torch'", 'invalidPipRequirement'],
    ['', 'invalidPipRequirement'],
    ['a\0b', 'invalidNul'],
    ['x'.repeat(201), 'invalidTooLong'],
  ])('refuses %j (%s)', (spec, message) => {
    expect(msg(pipProblem(spec))).toBe(message);
  });

  it('names the offending requirement', () => {
    expect(pipProblem('--upgrade')?.substitutions).toEqual(['--upgrade']);
  });

  it('parses names, extras, clauses and pins', () => {
    expect(parsePipRequirement('jax[cuda12,tpu]==0.4.30')).toEqual({
      spec: 'jax[cuda12,tpu]==0.4.30',
      name: 'jax',
      extras: ['cuda12', 'tpu'],
      clauses: ['==0.4.30'],
      pinned: '0.4.30',
    });
    expect(parsePipRequirement('torch')?.pinned).toBeUndefined();
    expect(parsePipRequirement('a==1.*')?.pinned).toBeUndefined();
    expect(parsePipRequirement('a===1')?.pinned).toBeUndefined();
    expect(parsePipRequirement('a>=1,==2')?.pinned).toBeUndefined();
  });
});

describe('Debian packages', () => {
  it.each(['graphviz', 'libarchive-dev', 'g++', 'libc6.1', 'python3-opencv'])('accepts %s', (name) => {
    expect(aptProblem(name)).toBeUndefined();
  });
  it.each(['Graphviz', 'a', '-y', '--fix-broken', 'graph viz', 'pkg;rm', 'pkg:amd64', 'pkg=1.0', '数据', '$(id)'])(
    'refuses %j',
    (name) => {
      expect(aptProblem(name)).toEqual({ message: 'invalidAptPackage', substitutions: [name] });
    },
  );
});

describe('URLs', () => {
  it.each([
    ['https://github.com/owner/repo', 'clone'],
    ['https://github.com/owner/repo.git', 'clone'],
    ['https://gitlab.com/group/sub/repo', 'clone'],
    ['https://bitbucket.org/owner/repo', 'clone'],
    ['https://huggingface.co/datasets/x/y', 'clone'],
    ['HTTPS://Example.COM:8443/a(1)/b_c~d.zip?x=1&y=a+b#frag', 'download'],
    ['https://example.com/数据/训练.zip', 'download'],
    ['https://example.com', 'download'],
    ['https://example.com/a%20b.zip', 'download'],
  ] as const)('accepts %s for %s', (url, kind) => {
    expect(urlProblem(url, kind)).toBeUndefined();
  });

  it.each([
    ['', 'invalidRequired'],
    ['not a url', 'invalidUrl'],
    ['github.com/a/b', 'invalidUrl'],
    ['https:github.com/a/b', 'invalidUrl'],
    ['http://github.com/a/b', 'invalidUrlScheme'],
    ['ftp://x/y', 'invalidUrlScheme'],
    ['file:///etc/passwd', 'invalidUrlScheme'],
    ['git@github.com:a/b.git', 'invalidUrlScheme'],
    ['ssh://git@github.com/a/b', 'invalidUrlScheme'],
    ['https://github.com/a/b$(touch /tmp/x)', 'invalidUrlCharacter'],
    ['https://github.com/a/b`id`', 'invalidUrlCharacter'],
    ["https://github.com/a/b'", 'invalidUrlCharacter'],
    ['https://github.com/a/b"', 'invalidUrlCharacter'],
    ['https://github.com/a/b\nc', 'invalidUrlCharacter'],
    ['https://github.com/a/{x}', 'invalidUrlCharacter'],
    ['https://github.com/a/b c', 'invalidUrlCharacter'],
    ['https://github.com/a\\b', 'invalidUrlCharacter'],
    ['https://github.com/$HOME', 'invalidUrlCharacter'],
    ['https://user:pass@github.com/a/b', 'invalidUrlCredentials'],
    ['https://ghp_token@github.com/a/b', 'invalidUrlCredentials'],
    ['https://github.com', 'invalidUrlNoRepo'],
    ['https://github.com/', 'invalidUrlNoRepo'],
    ['https://', 'invalidUrl'],
    ['https://a/' + 'x'.repeat(8200), 'invalidTooLong'],
  ])('refuses %j (%s)', (url, message) => {
    expect(msg(urlProblem(url, 'clone'))).toBe(message);
  });

  it('shows the offending character, or its code point when invisible', () => {
    expect(urlProblem('https://x/a$b', 'download')?.substitutions).toEqual(['$']);
    expect(urlProblem('https://x/a b', 'download')?.substitutions).toEqual(['U+0020']);
    expect(urlProblem('https://x/a\u202eb', 'download')?.substitutions).toEqual(['U+202E']);
  });
});

describe('paths, arguments and code', () => {
  it('accepts hostile-looking but harmless paths', () => {
    for (const path of ["it's", '"q"', '$(touch x)', '`id`', 'a;b', '$HOME', '{x}', '数据集/训练.py', ' lead', 'x'.repeat(4096)]) {
      expect(pathProblem(path)).toBeUndefined();
    }
  });

  it.each([
    ['', 'invalidRequired'],
    ['a\nb', 'invalidControlChar'],
    ['a\rb', 'invalidControlChar'],
    ['a\tb', 'invalidControlChar'],
    ['a\u0085b', 'invalidControlChar'],
    ['a\0b', 'invalidNul'],
    ['a\ud800', 'invalidBrokenText'],
    ['-rf', 'invalidLeadingDash'],
    ['x'.repeat(4097), 'invalidTooLong'],
  ])('refuses path %j (%s)', (path, message) => {
    expect(msg(pathProblem(path))).toBe(message);
  });

  it('checks arguments and code', () => {
    expect(argProblem('--lr=1e-3')).toBeUndefined();
    expect(argProblem('')).toBeUndefined();
    expect(argProblem('-')).toBeUndefined();
    expect(msg(argProblem('a\nb'))).toBe('invalidControlChar');
    expect(codeProblem("print('x')\n!ls {y}")).toBeUndefined();
    expect(msg(codeProblem('  \n '))).toBe('invalidRequired');
    expect(msg(codeProblem('a\0'))).toBe('invalidNul');
  });
});

describe('formatIssue', () => {
  it('passes the translated label as $1 and the values after it', () => {
    const calls: unknown[] = [];
    const text = formatIssue(
      { field: 'packages', label: 'paramPipPackages', message: 'invalidPipOption', substitutions: ['-r'] },
      (key, subs) => {
        calls.push([key, subs]);
        return key === 'paramPipPackages' ? 'Packages' : `${key}(${String(subs)})`;
      },
    );
    expect(text).toBe('invalidPipOption(Packages,-r)');
    expect(calls).toEqual([
      ['paramPipPackages', undefined],
      ['invalidPipOption', ['Packages', '-r']],
    ]);
  });
});

describe('git branches (clone): the rule of src/shared/github-names.ts, with a message per refusal', () => {
  it.each(['main', 'feature/x', 'release/2.x', 'v1.0', 'Ünïcode'])('accepts %j', (branch) => expect(branchProblem(branch)).toBeUndefined());
  it.each([
    ['', 'invalidRequired'],
    ['-x', 'invalidBranch'],
    ['a..b', 'invalidBranch'],
    ['a b', 'invalidBranch'],
    ['x.lock', 'invalidBranch'],
    ['a@{1}', 'invalidBranch'],
    ['a\u0000b', 'invalidNul'],
    ['x'.repeat(256), 'invalidTooLong'],
  ])('refuses %j with %s', (branch, message) => expect(msg(branchProblem(branch))).toBe(message));
});
