#!/usr/bin/env bash
# Installs the Debian packages ordertake needs when they are missing (as root, via apt-get).
# Not root: names what is missing and how to install it, and fails.
set -euo pipefail

packages=(
  tesseract-ocr tesseract-ocr-jpn      # OCR with Japanese data
  fonts-noto-cjk                       # Japanese text in the browser and page images
  fonts-ipafont-gothic fonts-ipafont-mincho  # TrueType fonts embedded in generated PDFs
  poppler-utils libtiff-tools          # pdftoppm/tiffinfo for inspecting documents
  dovecot-imapd                        # real IMAP server for the mail tests
  chromium                             # headless browser for the UI tests
)
[ "${1:-}" = "--runtime-only" ] && packages=(tesseract-ocr tesseract-ocr-jpn fonts-noto-cjk fonts-ipafont-gothic fonts-ipafont-mincho)

missing=()
# A system Python without ensurepip cannot make the virtual environment.
python3 -c "import ensurepip" 2>/dev/null || missing+=(python3-venv)
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ordertake: missing Debian packages: ${missing[*]}" >&2
  echo "ordertake: install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "ordertake: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
