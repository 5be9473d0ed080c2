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

NANOFF="${NANOFF:-nanoff}"
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

fail() {
  local code="$1"
  shift
  printf 'error: %s\n' "$*" >&2
  exit "$code"
}

need_value() {
  if [[ "$2" -lt 2 || -z "${3:-}" || "${3:-}" == --* ]]; then
    fail 2 "option $1 needs a value (see --help)"
  fi
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

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --port)
      need_value "$1" "$#" "${2:-}"
      port="$2"
      shift 2
      ;;
    --port=*)
      port="${1#*=}"
      shift
      ;;
    --config)
      need_value "$1" "$#" "${2:-}"
      config="$2"
      shift 2
      ;;
    --config=*)
      config="${1#*=}"
      shift
      ;;
    --dry-run)
      dry_run=1
      shift
      ;;
    *)
      fail 2 "unknown argument '$1' (see --help)"
      ;;
  esac
done

if [[ -z "$port" ]]; then
  fail 2 "--port is required (e.g. --port /dev/ttyUSB0 on Linux, --port COM3 on Windows)"
fi
if [[ "$port" == -* || "$port" =~ [[:space:]] || "$port" =~ [[:cntrl:]] ]]; then
  fail 2 "--port '$port' is not a serial port name"
fi
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
  printf '%s\n' "${cmd[*]}"
  exit 0
fi

if ! command -v "$NANOFF" >/dev/null 2>&1; then
  {
    printf 'error: nanoff is not installed (looked for "%s").\n' "$NANOFF"
    printf 'Install it with the .NET SDK:  dotnet tool install -g nanoff\n'
    printf 'then make sure ~/.dotnet/tools (Windows: %%USERPROFILE%%\\.dotnet\\tools) is on PATH.\n'
  } >&2
  exit 3
fi

printf 'Writing %s to %s on %s...\n' "$source_path" "$DESTINATION" "$port" >&2
printf '+ %s\n' "${cmd[*]}" >&2
set +e
"${cmd[@]}"
rc=$?
set -e
if [[ "$rc" -ne 0 ]]; then
  printf 'error: nanoff failed with exit code %d (close any serial monitor holding %s and retry)\n' "$rc" "$port" >&2
  exit 1
fi
printf 'Configuration written to %s on %s; reset the node to apply it.\n' "$DESTINATION" "$port" >&2
