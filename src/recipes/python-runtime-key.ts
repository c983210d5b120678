/**
 * The runtime key (issue 19, drive-and-installs.md §A.3): what installed versions and wheels depend
 * on — Python minor version, platform tag (glibc) and accelerator build (torch's local version, tpu,
 * gpu, cpu). The Colab release tag is not part of it (it changes with every image build). One helper,
 * so a preset's lock (python-lock.ts) and the kept installs on Drive (python-install-cache.ts, which
 * adds the torch version and a requirements hash) always agree on the runtime.
 */

export const runtimeKeySource = String.raw`def _launchpad_runtime_key():
    """This runtime's key parts: {'python': '3.12', 'platform': 'manylinux_2_35_x86_64',
    'accelerator': 'cu128' (safe for a file name), 'torch': '2.8.0+cu128' or None,
    'key': 'cp312-manylinux_2_35_x86_64-cu128'}."""
    import importlib.metadata, os, platform, re, sys
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
    return {'python': python, 'platform': plat, 'accelerator': accelerator, 'torch': torch,
            'key': '-'.join(['cp' + python.replace('.', ''), plat, accelerator])}`;
