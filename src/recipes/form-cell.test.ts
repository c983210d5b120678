import { describe, expect, it } from 'vitest';
import { translator } from '../../test/translate';
import { readMarker } from '../shared/cell-marker';
import { formTitleLine, generateCell, recipeCell } from './cell';

const en = translator('en');
const zh = translator('zh_CN');
const PYTORCH = [{ recipe: 'pip-install', params: { packages: ['torch', 'torchvision', 'torchaudio'] } }];

describe('form cells', () => {
  it('title the cell in the user’s language, then the marker, then the same code as before', () => {
    const cell = recipeCell(PYTORCH, en, 'install-pytorch');
    const lines = cell.code.split('\n');
    expect(lines[0]).toBe('# @title Install PyTorch (torch, torchvision, torchaudio) { display-mode: "form" }');
    expect(lines.slice(2).join('\n')).toBe(generateCell(PYTORCH));
    expect(readMarker(cell.code)).toEqual({ key: cell.key, intact: true });
    expect(recipeCell(PYTORCH, zh, 'install-pytorch').code.split('\n')[0]).toBe('# @title 安装 PyTorch (torch, torchvision, torchaudio) { display-mode: "form" }');
  });

  it('key the same steps with the same values alike, and different values differently', () => {
    const clone = (url: string) => recipeCell([{ recipe: 'git-clone', params: { url } }], en, 'git-clone');
    expect(clone('https://github.com/a/b').key).toBe(clone('https://github.com/a/b').key);
    expect(clone('https://github.com/a/b').key).not.toBe(clone('https://github.com/a/c').key);
    expect(clone('https://github.com/a/b').key).toMatch(/^run:git-clone:[0-9a-f]{8}$/);
    // The language changes the title, not the key.
    expect(recipeCell(PYTORCH, zh, 'install-pytorch').key).toBe(recipeCell(PYTORCH, en, 'install-pytorch').key);
    // Without a known toolbar entry, the recipe names the key and the title.
    const plain = recipeCell([{ recipe: 'gpu-check' }], en, 'no-such-entry');
    expect(plain.key).toMatch(/^run:gpu-check:/);
    expect(plain.code.split('\n')[0]).toBe('# @title GPU check { display-mode: "form" }');
  });

  it('keep every title one safe comment line: no line breaks, no way out of the { } options', () => {
    const hostile = 'Setup\n"x" } { run: "auto" }\r\u2028\u0000 #@param {type:"string"}';
    const line = formTitleLine(hostile);
    expect(line.split(/[\n\r\u2028\u2029]/)).toHaveLength(1);
    expect(line.match(/[{}]/g)).toEqual(['{', '}']);
    expect(line.endsWith('{ display-mode: "form" }')).toBe(true);
    expect(line).toBe('# @title Setup "x" ) ( run: "auto" ) #@param (type:"string") { display-mode: "form" }');
    expect(formTitleLine('x'.repeat(300))).toBe(`# @title ${'x'.repeat(99)}… { display-mode: "form" }`);
    expect(formTitleLine(' \n ')).toBe('# @title Colab Launchpad { display-mode: "form" }');
    // A user's Run Python code in the title (its first line) is sanitized the same way.
    const python = recipeCell([{ recipe: 'python', params: { code: "print('{hi}')  # } {\nmore" } }], en, 'python');
    expect(python.code.split('\n')[0]).toBe(`# @title Run Python (print('(hi)') # ) () { display-mode: "form" }`);
  });

  it('refuse invalid steps before any code exists', () => {
    expect(() => recipeCell([{ recipe: 'cd', params: { path: '' } }], en)).toThrow();
  });
});
