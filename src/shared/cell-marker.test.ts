import { describe, expect, it } from 'vitest';
import { blockPrefix, hash64, isCellKey, markedCell, readMarker } from './cell-marker';

const TITLE = '# @title Mount Drive { display-mode: "form" }';
const BODY = "from google.colab import drive\ndrive.mount('/content/drive')";

describe('cell markers', () => {
  it('puts the marker on the second line and recognises the whole cell as intact', () => {
    const cell = markedCell(TITLE, 'run:mount-drive:0a1b2c3d', BODY);
    const lines = cell.split('\n');
    expect(lines[0]).toBe(TITLE);
    expect(lines[1]).toMatch(/^# launchpad-cell run:mount-drive:0a1b2c3d [0-9a-f]{16} \(Colab Launchpad re-runs this cell in place; once you edit it, it is yours\)$/);
    expect(lines.slice(2).join('\n')).toBe(BODY);
    expect(readMarker(cell)).toEqual({ key: 'run:mount-drive:0a1b2c3d', intact: true });
  });

  it('survives what an editor round trip may change: CRLF line endings and a trailing newline', () => {
    const cell = markedCell(TITLE, 'setup:p:1', BODY);
    expect(readMarker(`${cell.replace(/\n/g, '\r\n')}\r\n\n`)).toEqual({ key: 'setup:p:1', intact: true });
  });

  it('calls any other change an edit: in the body, the title, the key, the note or the hash', () => {
    const cell = markedCell(TITLE, 'setup:p:1', BODY);
    const edits = [
      cell.replace("drive.mount('/content/drive')", "drive.mount('/content/drive', force_remount=True)"),
      `${cell}\nprint('mine')`,
      cell.replace('Mount Drive', 'My mount'),
      cell.replace('setup:p:1', 'setup:p:2'),
      cell.replace('once you edit it', 'if you edit it'),
      cell.replace(/ ([0-9a-f])([0-9a-f]{15}) /, (_, first: string, rest: string) => ` ${first === '0' ? '1' : '0'}${rest} `),
      cell.replace('drive\n', 'drive \n'),
    ];
    for (const edited of edits) expect(readMarker(edited)?.intact, edited).toBe(false);
  });

  it('never takes a marker pasted into other code for ours', () => {
    const marker = markedCell(TITLE, 'run:gpu-check:0a1b2c3d', 'print(1)').split('\n').slice(0, 2).join('\n');
    expect(readMarker(`${marker}\nimport my_training\nmy_training.run()`)?.intact).toBe(false);
    // Anywhere but the second line it is just a comment.
    expect(readMarker(`import os\n\n${marker}`)).toBeUndefined();
    expect(readMarker('print(1)')).toBeUndefined();
    expect(readMarker('')).toBeUndefined();
  });

  it('refuses keys outside its alphabet and first lines that are not one line', () => {
    expect(() => markedCell(TITLE, 'run: x', BODY)).toThrow(RangeError);
    expect(() => markedCell(`${TITLE}\nprint(1)`, 'run:x', BODY)).toThrow(RangeError);
    expect(() => markedCell(`${TITLE}\rprint(1)`, 'run:x', BODY)).toThrow(RangeError);
    expect(isCellKey(`${blockPrefix('5b0c9a1e-1f2a-4b3c-8d4e-5f6a7b8c9d0e')}12`)).toBe(true);
    expect(isCellKey('')).toBe(false);
    expect(isCellKey('a'.repeat(121))).toBe(false);
  });

  it('hashes to 16 hex digits that differ for nearby texts', () => {
    expect(hash64('')).toMatch(/^[0-9a-f]{16}$/);
    const hashes = new Set(['a', 'b', 'ab', 'ba', 'a ', '数据', '数据 '].map(hash64));
    expect(hashes.size).toBe(7);
    expect(hash64('same')).toBe(hash64('same'));
  });
});
