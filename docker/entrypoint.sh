#!/bin/sh
# Chooses the process role. Everything else is configured by environment variables (see README).
set -e
role="${1:-api}"
[ $# -gt 0 ] && shift
case "$role" in
  api)    exec node dist/main.js "$@" ;;
  worker) exec node dist/worker.js "$@" ;;
  cli)    exec node dist/cli.js "$@" ;;
  *)      echo "unknown role '$role': use api, worker or cli" >&2; exit 64 ;;
esac
