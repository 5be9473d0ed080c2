#!/usr/bin/env bash
# Write a node's configuration file to the device's internal storage (I:\edge\config.json), or every file of
# a node folder written by `edge provision` (config.json, secrets.json, board.json, certificates).
#
#   provision-node.sh --port /dev/ttyUSB0 --config node-42.json [--dry-run]
#   provision-node.sh --port /dev/ttyUSB0 --node-dir nodes/node-42 [--dry-run]
#
# Generates, in a temporary folder, the deploy.json that nanoff's --filedeployment reads:
#   {"serialport":"PORT","files":[{"DestinationFilePath":"I:\\edge\\config.json","SourceFilePath":"/abs/CONFIG"}]}
# and runs: nanoff --filedeployment /tmp/edge-provision.XXXXXX/deploy.json
# With --node-dir, the files are those the folder's own deploy.json lists (bare file names, relative to the
# folder, as `edge provision` writes them); the generated deploy.json gives nanoff the port and absolute paths.
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
Usage: provision-node.sh --port PORT (--config FILE | --node-dir DIR) [--dry-run]

Writes the node configuration FILE to the device as I:\edge\config.json with
  nanoff --filedeployment deploy.json
where deploy.json is generated in a temporary folder:
  {"serialport":"PORT","files":[{"DestinationFilePath":"I:\\edge\\config.json","SourceFilePath":"FILE"}]}
With --node-dir DIR, writes every file that DIR/deploy.json lists (a folder of `edge provision`).

Options:
  --port PORT      serial port of the node (required), e.g. /dev/ttyUSB0, /dev/cu.usbserial-0001, COM3
  --config FILE    the node's configuration; must exist and be valid JSON
                   (checked with python3 -m json.tool, else jq, else not checked: a warning says so)
  --node-dir DIR   a node folder written by `edge provision --out`: its deploy.json lists the files
                   (config.json, secrets.json, board.json, ca.pem, ...); exclusive with --config
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
  # validate_json FILE [WHAT]: exits 2 naming the problem (and WHAT the file is) when FILE is not valid JSON.
  local file="$1" what="${2:-"--config '$1'"}" tool="$VALIDATOR" detail
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
        fail 2 "${what} is not valid JSON: $(printf '%s' "$detail" | tail -n 1)"
      fi
      ;;
    jq)
      if ! detail="$(jq empty "$file" 2>&1 >/dev/null)"; then
        fail 2 "${what} is not valid JSON: $(printf '%s' "$detail" | head -n 1)"
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

require_readable_file() {
  # require_readable_file OPTION FILE: exits 2 naming the problem unless FILE is a readable file.
  if [[ "$2" =~ [[:cntrl:]] ]]; then
    fail 2 "$1 path contains control characters"
  fi
  if [[ ! -e "$2" ]]; then
    fail 2 "$1 '$2' does not exist"
  fi
  if [[ ! -f "$2" ]]; then
    fail 2 "$1 '$2' is not a file"
  fi
  if [[ ! -r "$2" ]]; then
    fail 2 "$1 '$2' is not readable"
  fi
}

node_dir_files() {
  # node_dir_files DIR: prints the "files" entries of the generated deploy.json, one JSON object per file of
  # DIR/deploy.json, with SourceFilePath made absolute. `edge provision` writes one member per line and bare
  # file names; anything else is refused rather than guessed at.
  local dir="$1" list="$1/deploy.json" line destination="" source entries="" count=0
  local destination_pattern='^[[:space:]]*"DestinationFilePath":[[:space:]]*("([^"\\]|\\\\)*"),?[[:space:]]*$'
  local source_pattern='^[[:space:]]*"SourceFilePath":[[:space:]]*"([A-Za-z0-9._-]+)",?[[:space:]]*$'
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" =~ $destination_pattern ]]; then
      destination="${BASH_REMATCH[1]}"
    elif [[ "$line" =~ $source_pattern ]]; then
      source="${BASH_REMATCH[1]}"
      if [[ -z "$destination" ]]; then
        fail 2 "--node-dir: ${list} lists SourceFilePath \"${source}\" without its DestinationFilePath before it (write the folder again with edge provision)"
      fi
      if [[ "$source" == . || "$source" == .. || ! -f "${dir}/${source}" ]]; then
        fail 2 "--node-dir: ${list} lists ${source}, which is not a file in ${dir}"
      fi
      entries="${entries:+${entries},}{\"DestinationFilePath\":${destination},\"SourceFilePath\":$(json_string "$(absolute_path "${dir}/${source}")")}"
      destination=""
      count=$((count + 1))
    elif [[ "$line" == *SourceFilePath* || "$line" == *DestinationFilePath* || "$line" == *serialport* ]]; then
      fail 2 "--node-dir: ${list} is not as edge provision writes it (line: ${line}); write the folder again with edge provision"
    fi
  done <"$list"
  if [[ "$count" -eq 0 ]]; then
    fail 2 "--node-dir: ${list} lists no file"
  fi
  printf '%s' "$entries"
}

port=""
config=""
node_dir=""
dry_run=0
# "--option=variable": options taking a value (--port PORT or --port=PORT), then flags.
VALUE_OPTIONS=(--port=port --config=config --node-dir=node_dir)
FLAG_OPTIONS=(--dry-run=dry_run)
parse_args "$@"

require_port "$port" --no-control
if [[ -n "$config" && -n "$node_dir" ]]; then
  fail 2 "--config and --node-dir are exclusive: a node folder has its own config.json"
fi
if [[ -n "$node_dir" ]]; then
  if [[ "$node_dir" =~ [[:cntrl:]] ]]; then
    fail 2 "--node-dir path contains control characters"
  fi
  if [[ ! -d "$node_dir" ]]; then
    fail 2 "--node-dir '$node_dir' is not a folder (write it with: edge provision ... --out DIR)"
  fi
  require_readable_file "--node-dir: deploy.json of" "${node_dir}/deploy.json"
  require_readable_file "--node-dir: config.json of" "${node_dir}/config.json"
  validate_json "${node_dir}/deploy.json" "--node-dir: ${node_dir}/deploy.json"
  validate_json "${node_dir}/config.json" "--node-dir: ${node_dir}/config.json"
  files_json="$(node_dir_files "$node_dir")"
  described="$(absolute_path "$node_dir")"
else
  if [[ -z "$config" ]]; then
    fail 2 "--config is required: the node's configuration file (JSON); or --node-dir DIR"
  fi
  require_readable_file --config "$config"
  validate_json "$config"
  source_path="$(absolute_path "$config")"
  files_json="{\"DestinationFilePath\":$(json_string "$DESTINATION"),\"SourceFilePath\":$(json_string "$source_path")}"
  described="$source_path"
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/edge-provision.XXXXXX")"
cleanup() { rm -rf "$work_dir"; }
trap cleanup EXIT
deploy_json="${work_dir}/deploy.json"

printf '{"serialport":%s,"files":[%s]}\n' "$(json_string "$port")" "$files_json" >"$deploy_json"

cmd=("$NANOFF" --filedeployment "$deploy_json")

if [[ "$dry_run" -eq 1 ]]; then
  printf '# %s\n' "$deploy_json"
  cat "$deploy_json"
fi
finish_dry_run "$dry_run" "${cmd[@]}"
require_nanoff

if [[ -n "$node_dir" ]]; then
  printf 'Writing the files of %s to I:\\edge\\ on %s...\n' "$described" "$port" >&2
else
  printf 'Writing %s to %s on %s...\n' "$described" "$DESTINATION" "$port" >&2
fi
run_nanoff "close any serial monitor holding ${port} and retry" "${cmd[@]}"
printf 'Configuration written to I:\\edge\\ on %s; reset the node to apply it.\n' "$port" >&2
