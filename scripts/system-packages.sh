#!/usr/bin/env bash
# Install the Debian packages named as arguments. Installs only what is missing, and only
# when it can (root with apt); otherwise says what to install.
set -euo pipefail
packages=("$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Cài gói hệ thống: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
else
  echo "Thiếu gói hệ thống: ${missing[*]} (cài bằng: sudo apt-get install ${missing[*]})" >&2
fi
