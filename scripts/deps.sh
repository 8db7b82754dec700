#!/usr/bin/env bash
# Build prerequisites (README "Build prerequisites"): gcc, pkg-config and
# libxml2-dev, since gt3ct links libxml2 through cgo; with --test also
# libxml2-utils (xmllint, the second opinion some tests compare with).
# Installs what is missing when running as root on Debian/Ubuntu; otherwise
# stops with one line naming the apt-get command to run.
set -euo pipefail
pkgs=()
command -v gcc >/dev/null || pkgs+=(gcc)
command -v pkg-config >/dev/null || pkgs+=(pkg-config)
if ! { command -v pkg-config >/dev/null && pkg-config --exists libxml-2.0; }; then
  [[ -e /usr/include/libxml2/libxml/xmlschemas.h ]] || pkgs+=(libxml2-dev)
fi
if [[ ${1:-} == --test ]]; then
  command -v xmllint >/dev/null || pkgs+=(libxml2-utils)
fi
((${#pkgs[@]})) || exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "deps: apt-get install ${pkgs[*]}" >&2
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null; then
    exit 0
  fi
fi
echo "deps: missing ${pkgs[*]}; run: sudo apt-get update && sudo apt-get install -y ${pkgs[*]}" >&2
exit 1
