/**
 * A local package index for install tests and the bench: real distributions built here (no PyPI on
 * this machine) served as a PEP 503 "simple" index on 127.0.0.1 by a small HTTP server that
 * throttles every file download to a fixed rate and counts requests.
 *
 * Project pages are PEP 503 HTML, or PEP 691 JSON when the client asks for it (pip ≥ 22.2 does),
 * with each file's PEP 700 `upload-time`: the file's modification time, which `buildPureWheel` can
 * set to a past date ("1.1.0 was uploaded before the lock was made").
 *
 * Distributions (built by `buildDistributions`, in a few seconds, with Debian's python3):
 * - `lp-cext-demo` 1.0: an sdist with a C extension, so installing it compiles (gcc);
 * - `lp-pure-demo` 1.0: a pure-Python wheel that depends on `lp-cext-demo`;
 * - `lp-tiny-demo` 1.0: a pure-Python wheel without dependencies (fast, for the fault cases);
 * - `setuptools` (Debian's own wheel) and `wheel` (a wheel made from Debian's installed copy): what
 *   pip's isolated build of the sdist downloads from the index, as it would from PyPI.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { findIPython } from './harness';

/** Bytes per second for every file served (a slow mirror; PyPI is faster, a congested link is not). */
export const INDEX_RATE_BYTES_PER_S = 512 * 1024;

const BUILD_PY = String.raw`
import base64, csv, hashlib, io, os, subprocess, sys, zipfile
out, src = sys.argv[1], sys.argv[2]

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)

def project(name, module, deps, ext):
    root = os.path.join(src, name)
    requires = ', '.join(repr(d) for d in deps)
    extension = "ext_modules=[Extension('%s._speed', ['%s/speed.c'])]," % (module, module) if ext else ''
    write(os.path.join(root, 'setup.py'),
          'from setuptools import setup, Extension\n'
          'setup(name=%r, version="1.0", packages=[%r], install_requires=[%s], %s)\n' % (name, module, requires, extension))
    write(os.path.join(root, 'pyproject.toml'),
          '[build-system]\nrequires = ["setuptools", "wheel"]\nbuild-backend = "setuptools.build_meta"\n')
    if ext:
        write(os.path.join(root, module, 'speed.c'), r'''
#define PY_SSIZE_T_CLEAN
#include <Python.h>
static PyObject *add(PyObject *self, PyObject *args) {
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}
static PyMethodDef methods[] = {{"add", add, METH_VARARGS, "a + b, in C"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speed", NULL, -1, methods};
PyMODINIT_FUNC PyInit__speed(void) { return PyModule_Create(&module); }
''')
        write(os.path.join(root, module, '__init__.py'), 'from ._speed import add\n')
    else:
        write(os.path.join(root, module, '__init__.py'), 'VERSION = "1.0"\n')
    return root

def run(*argv, cwd=None):
    subprocess.run(argv, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)

cext = project('lp-cext-demo', 'lp_cext_demo', [], True)
run(sys.executable, 'setup.py', '-q', 'sdist', '--formats=gztar', '-d', out, cwd=cext)
for name, module, deps in (('lp-pure-demo', 'lp_pure_demo', ['lp-cext-demo>=1.0']), ('lp-tiny-demo', 'lp_tiny_demo', [])):
    root = project(name, module, deps, False)
    run(sys.executable, '-m', 'pip', 'wheel', '-q', '--no-deps', '--no-build-isolation', '--no-index', '-w', out, root)

# setuptools: Debian's wheel. wheel: a wheel of Debian's installed copy (setuptools 66 builds wheels with it).
import shutil, wheel
shutil.copy('/usr/share/python-wheels/' + [n for n in os.listdir('/usr/share/python-wheels') if n.startswith('setuptools-')][0], out)
version = wheel.__version__
package = os.path.dirname(wheel.__file__)
info = 'wheel-%s.dist-info' % version
files = {}
for dirpath, dirnames, filenames in os.walk(package):
    dirnames[:] = [d for d in dirnames if d != '__pycache__']
    for f in filenames:
        full = os.path.join(dirpath, f)
        files[os.path.relpath(full, os.path.dirname(package))] = open(full, 'rb').read()
files[info + '/METADATA'] = ('Metadata-Version: 2.1\nName: wheel\nVersion: %s\n' % version).encode()
files[info + '/WHEEL'] = b'Wheel-Version: 1.0\nGenerator: colab-launchpad-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n'
files[info + '/entry_points.txt'] = (b'[console_scripts]\nwheel = wheel.cli:main\n\n'
                                     b'[distutils.commands]\nbdist_wheel = wheel.bdist_wheel:bdist_wheel\n')
record = io.StringIO()
writer = csv.writer(record, lineterminator='\n')
for name, data in files.items():
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    writer.writerow([name, 'sha256=' + digest, len(data)])
writer.writerow([info + '/RECORD', '', ''])
files[info + '/RECORD'] = record.getvalue().encode()
with zipfile.ZipFile(os.path.join(out, 'wheel-%s-py3-none-any.whl' % version), 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in files.items():
        z.writestr(name, data)
`;

/** Builds the distributions into `dir/dist` (returns that folder). Throws with the build's output if it fails. */
export function buildDistributions(dir: string): string {
  const dist = join(dir, 'dist');
  mkdirSync(dist, { recursive: true });
  const script = join(dir, 'build_distributions.py');
  writeFileSync(script, BUILD_PY);
  const { python } = findIPython();
  const result = spawnSync(python, [script, dist, join(dir, 'src')], { encoding: 'utf8', env: { ...process.env, PIP_NO_INPUT: '1' } });
  if (result.status !== 0) throw new Error(`building the test distributions failed:\n${result.stdout}${result.stderr}`);
  return dist;
}

const PURE_WHEEL_PY = String.raw`
import base64, csv, hashlib, io, sys, zipfile
out, name, version = sys.argv[1:4]
requires = ''.join('Requires-Dist: %s\n' % r for r in sys.argv[4:])
module = name.replace('-', '_').lower()
info = '%s-%s.dist-info' % (module, version)
files = {
    module + '/__init__.py': ('__version__ = %r\n' % version).encode(),
    info + '/METADATA': ('Metadata-Version: 2.1\nName: %s\nVersion: %s\n%s' % (name, version, requires)).encode(),
    info + '/WHEEL': b'Wheel-Version: 1.0\nGenerator: colab-launchpad-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
}
record = io.StringIO()
writer = csv.writer(record, lineterminator='\n')
for path, data in files.items():
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    writer.writerow([path, 'sha256=' + digest, len(data)])
writer.writerow([info + '/RECORD', '', ''])
files[info + '/RECORD'] = record.getvalue().encode()
with zipfile.ZipFile('%s/%s-%s-py3-none-any.whl' % (out, module, version), 'w') as z:
    for path, data in files.items():
        z.writestr(path, data)
`;

/**
 * Writes a pure-Python wheel `name` `version` into `dist` (module `name` with `-` → `_`, whose
 * `__version__` is `version`; depending on `requires`, requirement strings), in about 50 ms. An
 * index serving `dist` offers it from the next request on: "the index publishes 2.0.0". Its upload
 * time on the index is `uploaded` (default: now).
 */
export function buildPureWheel(dist: string, name: string, version: string, requires: readonly string[] = [], uploaded?: Date): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || !/^\d+(\.\d+)*$/.test(version)) throw new Error(`not a plain name and version: ${name} ${version}`);
  const { python } = findIPython();
  const result = spawnSync(python, ['-c', PURE_WHEEL_PY, dist, name, version, ...requires], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building ${name} ${version} failed:\n${result.stdout}${result.stderr}`);
  if (uploaded) utimesSync(join(dist, `${name.replace(/-/g, '_').toLowerCase()}-${version}-py3-none-any.whl`), uploaded, uploaded);
}

/** PEP 503 name normalisation. */
const normalise = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
const projectOf = (file: string) => normalise(file.replace(/(-\d[^-]*)?(-[^-]+-[^-]+-[^-]+\.whl|\.tar\.gz)$/, '').replace(/-\d.*$/, ''));

export interface PackageIndex {
  /** `http://127.0.0.1:<port>/simple/` */
  readonly url: string;
  /** Requests served so far (pages and files), and the files among them. */
  readonly counts: () => { readonly requests: number; readonly files: number; readonly bytes: number };
  readonly close: () => Promise<void>;
}

/**
 * Serves `dist` as a PEP 503 index on 127.0.0.1, every file throttled to INDEX_RATE_BYTES_PER_S;
 * `json: false`: HTML only (an index that gives no upload times); `auth: 'user:password'`: a private
 * index, answering 401 to a request without that basic auth.
 */
export async function servePackageIndex(
  dist: string,
  rate = INDEX_RATE_BYTES_PER_S,
  options: { readonly json?: boolean; readonly auth?: string } = {},
): Promise<PackageIndex> {
  // Read again for every request, so a file added to `dist` is published at once (buildPureWheel).
  const sha = new Map<string, string>();
  const scan = () => {
    const files = readdirSync(dist).filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz'));
    const byProject = new Map<string, string[]>();
    for (const file of files) {
      byProject.set(projectOf(file), [...(byProject.get(projectOf(file)) ?? []), file]);
      if (!sha.has(file)) sha.set(file, createHash('sha256').update(readFileSync(join(dist, file))).digest('hex'));
    }
    return byProject;
  };
  let requests = 0;
  let served = 0;
  let bytes = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    if (options.auth !== undefined && request.headers.authorization !== `Basic ${Buffer.from(options.auth).toString('base64')}`) {
      response.writeHead(401, { 'www-authenticate': 'Basic realm="index"' }).end();
      return;
    }
    const byProject = scan();
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    const html = (body: string) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!DOCTYPE html><html><body>\n${body}\n</body></html>\n`);
    };
    if (path === '/simple/') return html([...byProject.keys()].map((p) => `<a href="/simple/${p}/">${p}</a>`).join('\n'));
    const page = /^\/simple\/([^/]+)\/$/.exec(path);
    if (page) {
      const list = byProject.get(normalise(page[1] ?? ''));
      if (!list) {
        response.writeHead(404).end();
        return;
      }
      if (options.json !== false && (request.headers.accept ?? '').includes('application/vnd.pypi.simple.v1+json')) {
        // PEP 691 JSON with PEP 700 upload times (api-version 1.1).
        const files = list.map((f) => ({ filename: f, url: `/files/${f}`, hashes: { sha256: sha.get(f) }, 'upload-time': statSync(join(dist, f)).mtime.toISOString() }));
        response.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json' });
        response.end(JSON.stringify({ meta: { 'api-version': '1.1' }, name: normalise(page[1] ?? ''), files }));
        return;
      }
      return html(list.map((f) => `<a href="/files/${f}#sha256=${sha.get(f)}">${f}</a>`).join('\n'));
    }
    const file = /^\/files\/([^/]+)$/.exec(path)?.[1];
    if (!file || !sha.has(file)) {
      response.writeHead(404).end();
      return;
    }
    served += 1;
    const data = readFileSync(join(dist, file));
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(statSync(join(dist, file)).size) });
    const chunk = 16 * 1024;
    let offset = 0;
    const next = () => {
      if (offset >= data.length || response.destroyed) {
        response.end();
        return;
      }
      const part = data.subarray(offset, offset + chunk);
      offset += part.length;
      bytes += part.length;
      response.write(part);
      setTimeout(next, (part.length / rate) * 1000);
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/simple/`,
    counts: () => ({ requests, files: served, bytes }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
