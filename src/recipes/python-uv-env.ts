/**
 * The environment a `uv` child needs on Colab: Colab once pointed UV_CONSTRAINT at files that did not
 * exist, failing every uv install (colabtools #5237). UV_CONSTRAINT and UV_BUILD_CONSTRAINT are
 * space-separated lists (a preset's lock adds its own file to Colab's), so each path is checked on
 * its own and only the missing ones are left out.
 */

export const uvEnvSource = String.raw`def _launchpad_uv_env():
    """{name: value} to run uv with: UV_CONSTRAINT and UV_BUILD_CONSTRAINT without the files that do not exist."""
    import os
    fixed = {}
    for name in ('UV_CONSTRAINT', 'UV_BUILD_CONSTRAINT'):
        paths = (os.environ.get(name) or '').split()
        kept = [path for path in paths if os.path.exists(path)]
        if kept != paths:
            fixed[name] = ' '.join(kept)
    return fixed`;
