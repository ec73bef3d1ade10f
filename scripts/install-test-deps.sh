#!/usr/bin/env bash
# Installs what the tests need beyond Maven: Debian's Fashion-MNIST (dataset-fashion-mnist puts it in
# /usr/share/datasets/fashion-mnist, where `--data fashion-mnist` looks). Does nothing when it is there.
set -euo pipefail
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "install-test-deps: /usr/share/datasets/fashion-mnist is missing and apt-get is not available;" \
         "install Debian's dataset-fashion-mnist package (or copy the four IDX files there)" >&2
    exit 2
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-test-deps: installing dataset-fashion-mnist (Fashion-MNIST for the end-to-end tests)" >&2
$sudo apt-get update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null
test -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
