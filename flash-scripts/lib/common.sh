# shellcheck shell=bash
# Shared code of the bash flashing scripts (flash-firmware.sh, deploy-app.sh, provision-node.sh,
# commission-node.sh).
# Sourced, not run: each script sources it relative to its own location, after `set -euo pipefail`:
#   . "$(dirname -- "${BASH_SOURCE[0]}")/lib/common.sh"
# What stays in the scripts is their own: usage text, options, checks and the nanoff arguments they build.

# The nanoff executable to run; NANOFF overrides it (e.g. a full path).
NANOFF="${NANOFF:-nanoff}"

fail() {
  # fail CODE MESSAGE...: print an error naming what is wrong and exit with CODE.
  local code="$1"
  shift
  printf 'error: %s\n' "$*" >&2
  exit "$code"
}

need_value() {
  # need_value OPTION NUMBER_OF_REMAINING_ARGS [VALUE]
  if [[ "$2" -lt 2 || -z "${3:-}" || "${3:-}" == --* ]]; then
    fail 2 "option $1 needs a value (see --help)"
  fi
}

parse_args() {
  # parse_args "$@": parses the command line against the caller's arrays of "--option=variable" pairs:
  #   VALUE_OPTIONS  "--option VALUE" and "--option=VALUE" set variable to VALUE
  #   FLAG_OPTIONS   "--option" sets variable to 1
  # -h/--help prints the caller's usage and exits 0; anything else exits 2 naming it.
  local _spec _option _variable _matched
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h | --help)
        usage
        exit 0
        ;;
    esac
    _matched=0
    for _spec in "${VALUE_OPTIONS[@]}"; do
      _option="${_spec%%=*}"
      _variable="${_spec#*=}"
      if [[ "$1" == "$_option" ]]; then
        need_value "$1" "$#" "${2:-}"
        printf -v "$_variable" '%s' "$2"
        shift 2
        _matched=1
        break
      elif [[ "$1" == "$_option="* ]]; then
        printf -v "$_variable" '%s' "${1#*=}"
        shift
        _matched=1
        break
      fi
    done
    if [[ "$_matched" -eq 1 ]]; then
      continue
    fi
    for _spec in "${FLAG_OPTIONS[@]}"; do
      if [[ "$1" == "${_spec%%=*}" ]]; then
        printf -v "${_spec#*=}" '%s' 1
        shift
        _matched=1
        break
      fi
    done
    if [[ "$_matched" -eq 0 ]]; then
      fail 2 "unknown argument '$1' (see --help)"
    fi
  done
}

require_port() {
  # require_port PORT [--no-control]: exits 2 unless PORT is given and looks like a serial port name
  # (no leading '-', no whitespace; with --no-control, no control characters either).
  if [[ -z "$1" ]]; then
    fail 2 "--port is required (e.g. --port /dev/ttyUSB0 on Linux, --port COM3 on Windows)"
  fi
  if [[ "$1" == -* || "$1" =~ [[:space:]] ]] || [[ "${2:-}" == --no-control && "$1" =~ [[:cntrl:]] ]]; then
    fail 2 "--port '$1' is not a serial port name"
  fi
}

finish_dry_run() {
  # finish_dry_run DRY_RUN COMMAND...: when DRY_RUN is 1, prints the exact command on one line on stdout
  # (the executable shown as nanoff unless NANOFF is set) and exits 0; otherwise returns.
  local dry_run="$1"
  shift
  if [[ "$dry_run" -eq 1 ]]; then
    printf '%s\n' "$*"
    exit 0
  fi
}

require_nanoff() {
  # Exits 3, saying how to install it, when the nanoff executable ($NANOFF) cannot be found.
  if ! command -v "$NANOFF" >/dev/null 2>&1; then
    {
      printf 'error: nanoff is not installed (looked for "%s").\n' "$NANOFF"
      printf 'Install it with the .NET SDK:  dotnet tool install -g nanoff\n'
      printf 'then make sure ~/.dotnet/tools (Windows: %%USERPROFILE%%\\.dotnet\\tools) is on PATH.\n'
    } >&2
    exit 3
  fi
}

app_deploy_command() {
  # app_deploy_command PORT IMAGE: sets APP_DEPLOY_COMMAND to the nanoff command that deploys the application
  # IMAGE to the node on PORT. --nanodevice makes nanoff ask the running nanoCLR for the deployment address.
  # shellcheck disable=SC2034 # the caller's result, read there
  APP_DEPLOY_COMMAND=("$NANOFF" --nanodevice --deploy --serialport "$1" --image "$2")
}

run_status() {
  # run_status COMMAND...: runs the command with `set -e` suspended and sets RUN_STATUS to its exit code, so that
  # the caller can say what failed before it exits.
  set +e
  "$@"
  RUN_STATUS=$?
  set -e
}

run_nanoff() {
  # run_nanoff HINT COMMAND...: echoes the command on stderr ("+ nanoff ...") and runs it; when it fails,
  # prints "error: nanoff failed with exit code N (HINT)" and exits 1.
  local hint="$1"
  shift
  printf '+ %s\n' "$*" >&2
  run_status "$@"
  if [[ "$RUN_STATUS" -ne 0 ]]; then
    printf 'error: nanoff failed with exit code %d (%s)\n' "$RUN_STATUS" "$hint" >&2
    exit 1
  fi
}
