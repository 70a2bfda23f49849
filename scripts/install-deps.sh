#!/usr/bin/env bash
# Installs the Debian packages silkgraph builds and tests with, when they are missing.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -euo pipefail
PACKAGES=(cmake make g++ pkg-config libboost-graph-dev libboost-program-options-dev
          nlohmann-json3-dev libgtest-dev libgmock-dev graphviz libedit-dev
          libbenchmark-dev python3 python3-networkx python3-igraph
          python3-dev pybind11-dev python3-pandas python3-pytest python3-matplotlib
          libutf8proc-dev libxxhash-dev libhowardhinnant-date-dev tzdata clang-format clang-tidy
          clang libclang-rt-14-dev libsodium-dev libssl-dev openssl nodejs libcpp-httplib-dev
          chromium chromium-driver)
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: run as root:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
