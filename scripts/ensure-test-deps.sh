#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when they are missing:
#   chromium  - the real-browser test (test/browser.test.ts) drives /usr/bin/chromium
#   gdal-bin  - tests compare written GeoTIFFs with gdalinfo
#   jupyter-nbconvert, python3-ipykernel, jupyter-client, python3-nbformat - the notebook test
#     (test/notebooks.test.ts) executes notebooks/*.ipynb with `jupyter nbconvert --execute` and
#     the tslab kernel; scripts/run-notebooks.sh writes the kernel spec on each run (into
#     node_modules/.cache/tslab-kernel) and the tslab npm package itself is a devDependency.
# Idempotent: prints one line per package and runs apt-get update at most once, only when
# something must be installed. Runs as root, or through sudo when it is available.
set -euo pipefail

# command that must exist : Debian package that provides it ("-": a library, no command)
required=(
  "chromium:chromium"
  "gdalinfo:gdal-bin"
  "jupyter-nbconvert:jupyter-nbconvert"
  "-:python3-ipykernel"
  "-:jupyter-client"
  "-:python3-nbformat"
)

missing=()
for entry in "${required[@]}"; do
  command_name="${entry%%:*}"
  package="${entry##*:}"
  if [ "$command_name" = "-" ] && dpkg -s "$package" >/dev/null 2>&1; then
    echo "ensure-test-deps: $package present"
  elif command -v "$command_name" >/dev/null 2>&1 && dpkg -s "$package" >/dev/null 2>&1; then
    echo "ensure-test-deps: $package present ($(command -v "$command_name"))"
  else
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "ensure-test-deps: cannot install ${missing[*]}: not root and no sudo" >&2
    exit 1
  fi
}

echo "ensure-test-deps: apt-get update (to install ${missing[*]})"
run_as_root apt-get update -qq
for package in "${missing[@]}"; do
  echo "ensure-test-deps: installing $package"
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
done
