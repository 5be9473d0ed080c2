#!/usr/bin/env bash
# Write a node's configuration file to the device's internal storage (I:\edge\config.json).
#
#   provision-node.sh --port /dev/ttyUSB0 --config node-42.json [--dry-run]
#
# Generates, in a temporary folder, the deploy.json that nanoff's --filedeployment reads:
#   {"serialport":"PORT","files":[{"DestinationFilePath":"I:\\edge\\config.json","SourceFilePath":"/abs/CONFIG"}]}
# and runs: nanoff --filedeployment /tmp/edge-provision.XXXXXX/deploy.json
#
# Exit codes: 0 success (or dry run printed), 1 nanoff failed, 2 bad argument, missing or
# invalid config, 3 nanoff not installed.
set -euo pipefail

# fail, parse_args, require_port, finish_dry_run, require_nanoff, run_nanoff; NANOFF (default nanoff).
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib/common.sh"

# Which JSON validator to use: auto (python3, else jq, else none), python3, jq or none.
VALIDATOR="${EDGE_JSON_VALIDATOR:-auto}"
readonly DESTINATION='I:\edge\config.json'

usage() {
  cat <<'EOF'
Usage: provision-node.sh --port PORT --config FILE [--dry-run]

Writes the node configuration FILE to the device as I:\edge\config.json with
  nanoff --filedeployment deploy.json
where deploy.json is generated in a temporary folder:
  {"serialport":"PORT","files":[{"DestinationFilePath":"I:\\edge\\config.json","SourceFilePath":"FILE"}]}

Options:
  --port PORT      serial port of the node (required), e.g. /dev/ttyUSB0, /dev/cu.usbserial-0001, COM3
  --config FILE    the node's configuration (required); must exist and be valid JSON
                   (checked with python3 -m json.tool, else jq, else not checked: a warning says so)
  --dry-run        print deploy.json and the exact nanoff command instead of running it
                   (nanoff not needed; the temporary folder is removed afterwards)
  -h, --help       show this help

Environment:
  NANOFF                nanoff executable to run (default: nanoff on PATH)
  EDGE_JSON_VALIDATOR   auto (default), python3, jq or none

Exit codes: 0 ok, 1 nanoff failed, 2 bad argument / missing or invalid config, 3 nanoff not installed.
EOF
}

json_string() {
  # Prints its argument as a JSON string literal (paths and port names: no control characters).
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

absolute_path() {
  local dir base
  dir="$(CDPATH="" cd -- "$(dirname -- "$1")" && pwd)"
  base="$(basename -- "$1")"
  case "$(uname -s 2>/dev/null || true)" in
    MINGW* | MSYS* | CYGWIN*)
      # nanoff is a Windows program there: give it a Windows path.
      if command -v cygpath >/dev/null 2>&1; then
        cygpath -w "${dir}/${base}"
        return
      fi
      ;;
  esac
  printf '%s/%s' "$dir" "$base"
}

validate_json() {
  # validate_json FILE: exits 2 naming the problem when FILE is not valid JSON.
  local file="$1" tool="$VALIDATOR" detail
  if [[ "$tool" == auto ]]; then
    if command -v python3 >/dev/null 2>&1 && python3 -c 'import json' >/dev/null 2>&1; then
      tool=python3
    elif command -v jq >/dev/null 2>&1; then
      tool=jq
    else
      tool=none
    fi
  fi
  case "$tool" in
    python3)
      if ! detail="$(python3 -m json.tool "$file" 2>&1 >/dev/null)"; then
        fail 2 "--config '$file' is not valid JSON: $(printf '%s' "$detail" | tail -n 1)"
      fi
      ;;
    jq)
      if ! detail="$(jq empty "$file" 2>&1 >/dev/null)"; then
        fail 2 "--config '$file' is not valid JSON: $(printf '%s' "$detail" | head -n 1)"
      fi
      ;;
    none)
      if [[ "$VALIDATOR" == none ]]; then
        printf 'warning: EDGE_JSON_VALIDATOR=none: %s was NOT checked for valid JSON\n' "$file" >&2
      else
        printf 'warning: neither python3 nor jq is installed: %s was NOT checked for valid JSON\n' "$file" >&2
      fi
      ;;
    *)
      fail 2 "EDGE_JSON_VALIDATOR='$VALIDATOR' is not one of auto, python3, jq, none"
      ;;
  esac
}

port=""
config=""
dry_run=0
# "--option=variable": options taking a value (--port PORT or --port=PORT), then flags.
VALUE_OPTIONS=(--port=port --config=config)
FLAG_OPTIONS=(--dry-run=dry_run)
parse_args "$@"

require_port "$port" --no-control
if [[ -z "$config" ]]; then
  fail 2 "--config is required: the node's configuration file (JSON)"
fi
if [[ "$config" =~ [[:cntrl:]] ]]; then
  fail 2 "--config path contains control characters"
fi
if [[ ! -e "$config" ]]; then
  fail 2 "--config '$config' does not exist"
fi
if [[ ! -f "$config" ]]; then
  fail 2 "--config '$config' is not a file"
fi
if [[ ! -r "$config" ]]; then
  fail 2 "--config '$config' is not readable"
fi
validate_json "$config"

source_path="$(absolute_path "$config")"

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/edge-provision.XXXXXX")"
cleanup() { rm -rf "$work_dir"; }
trap cleanup EXIT
deploy_json="${work_dir}/deploy.json"

printf '{"serialport":%s,"files":[{"DestinationFilePath":%s,"SourceFilePath":%s}]}\n' \
  "$(json_string "$port")" "$(json_string "$DESTINATION")" "$(json_string "$source_path")" >"$deploy_json"

cmd=("$NANOFF" --filedeployment "$deploy_json")

if [[ "$dry_run" -eq 1 ]]; then
  printf '# %s\n' "$deploy_json"
  cat "$deploy_json"
fi
finish_dry_run "$dry_run" "${cmd[@]}"
require_nanoff

printf 'Writing %s to %s on %s...\n' "$source_path" "$DESTINATION" "$port" >&2
run_nanoff "close any serial monitor holding ${port} and retry" "${cmd[@]}"
printf 'Configuration written to %s on %s; reset the node to apply it.\n' "$DESTINATION" "$port" >&2
