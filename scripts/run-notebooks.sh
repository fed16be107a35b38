#!/usr/bin/env bash
# Builds the library (tsconfig.build.json -> dist/) and executes TypeScript (tslab) notebooks
# with jupyter nbconvert, writing the executed copies to an output directory.
#
#   bash scripts/run-notebooks.sh [--out DIR] [--no-build] [NOTEBOOK.ipynb ...]
#
# Without notebooks, runs every notebooks/*.ipynb. Without --out, writes to a fresh temp dir.
# --no-build reuses the dist/ already there (quicker while editing a notebook).
# The last line printed is "run-notebooks: executed N notebook(s) into DIR". Exits non-zero when
# the build fails or a notebook cell fails (a tslab type error counts as a failure).
#
# Needs the Debian packages jupyter-nbconvert, python3-ipykernel, jupyter-client and
# python3-nbformat (scripts/ensure-test-deps.sh installs them) and the tslab npm package
# (node_modules/.bin/tslab; TSLAB=/path/to/tslab overrides). The tslab kernel spec is written
# on every run into node_modules/.cache/tslab-kernel (ignored, like all of node_modules), since
# it holds the absolute path of this checkout's tslab.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

out_dir=""
build=true
notebooks=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --out)
      out_dir="${2:?--out needs a directory}"
      shift 2
      ;;
    --no-build)
      build=false
      shift
      ;;
    *)
      notebooks+=("$1")
      shift
      ;;
  esac
done
if [ "${#notebooks[@]}" -eq 0 ]; then
  notebooks=(notebooks/*.ipynb)
fi
if [ -z "$out_dir" ]; then
  out_dir="$(mktemp -d -t rskd-notebooks.XXXXXX)"
fi
mkdir -p "$out_dir"

fail() {
  echo "run-notebooks: $*" >&2
  exit 1
}

tslab_bin="${TSLAB:-$repo_root/node_modules/.bin/tslab}"
[ -x "$tslab_bin" ] || fail "tslab not found at $tslab_bin (run npm install; tslab is a devDependency)"
# Debian's jupyter and python3 (a python3 earlier on PATH may lack ipykernel and nbformat).
jupyter_bin=/usr/bin/jupyter
[ -x "$jupyter_bin" ] && "$jupyter_bin" nbconvert --version >/dev/null 2>&1 ||
  fail "$jupyter_bin nbconvert not found (run bash scripts/ensure-test-deps.sh)"
tslab_bin="$(cd "$(dirname "$tslab_bin")" && pwd)/$(basename "$tslab_bin")"

# A clean build: files of deleted sources must not linger in dist/ and hide a broken import.
if [ "$build" = true ]; then
  echo "run-notebooks: building dist/ (tsconfig.build.json)"
  rm -rf dist
  # node_modules/.bin/tsc may be tslab's TypeScript 5.0 (both packages ship a tsc bin): call ours.
  node "$repo_root/node_modules/typescript/bin/tsc" -p tsconfig.build.json
fi
[ -f dist/index.js ] || fail "dist/index.js missing (run without --no-build)"

kernel_prefix="$repo_root/node_modules/.cache/tslab-kernel"
"$tslab_bin" install --python=/usr/bin/python3 --binary="$tslab_bin" --prefix="$kernel_prefix" \
  >/dev/null

executed=()
for notebook in "${notebooks[@]}"; do
  [ -f "$notebook" ] || fail "no notebook at $notebook"
  echo "run-notebooks: executing $notebook"
  # --allow-errors: the executed copy is always written, so that notebook-errors.py can name the
  # failing cell and its message (tslab's compile errors carry no exception name or value).
  # GDAL_PAM_ENABLED=NO: nothing a notebook opens may get an .aux.xml written beside it.
  JUPYTER_PATH="$kernel_prefix/share/jupyter" GDAL_PAM_ENABLED=NO \
    "$jupyter_bin" nbconvert --to notebook --execute --allow-errors \
    --ExecutePreprocessor.kernel_name=tslab --ExecutePreprocessor.timeout=300 \
    --output-dir "$out_dir" "$notebook"
  executed+=("$out_dir/$(basename "$notebook")")
done
/usr/bin/python3 scripts/notebook-errors.py "${executed[@]}" ||
  fail "a notebook cell failed (executed copies in $out_dir)"
echo "run-notebooks: executed ${#notebooks[@]} notebook(s) into $out_dir"
