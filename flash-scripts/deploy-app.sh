#!/usr/bin/env bash
# Deploy the Edge application image onto a node that already runs the nanoFramework firmware.
#
#   deploy-app.sh --port /dev/ttyUSB0 --image path/to/Edge.Firmware.bin [--dry-run]
#
# The image is the deployment file of the nanoFramework build: the concatenation of the .pe files
# of the application and of every assembly it references; nanoff writes it as one block at the
# device's deployment address. The nanoFramework build (Visual Studio extension or the
# nanoFramework MSBuild project system) writes it next to the .pe files as <AppName>.bin,
# e.g. firmware/Edge.Firmware/bin/Release/Edge.Firmware.bin.
#
# Exit codes: 0 success (or dry run printed), 1 nanoff failed, 2 bad argument or missing image,
# 3 nanoff not installed.
set -euo pipefail

NANOFF="${NANOFF:-nanoff}"

usage() {
  cat <<'EOF'
Usage: deploy-app.sh --port PORT --image IMAGE [--dry-run]

Deploys the application image to a node running the nanoFramework firmware:
  nanoff --nanodevice --deploy --serialport PORT --image IMAGE

Options:
  --port PORT     serial port of the node (required), e.g. /dev/ttyUSB0, /dev/cu.usbserial-0001, COM3
  --image IMAGE   the deployment image (.bin) of the nanoFramework build (required): the
                  concatenation of the application's .pe files and those of its references,
                  e.g. firmware/Edge.Firmware/bin/Release/Edge.Firmware.bin
  --dry-run       print the exact nanoff command instead of running it (nanoff not needed)
  -h, --help      show this help

--nanodevice makes nanoff ask the running nanoCLR for the deployment address, so the same
command works whatever the flash layout of the firmware target.

Environment:
  NANOFF          nanoff executable to run (default: nanoff on PATH)

Exit codes: 0 ok, 1 nanoff failed, 2 bad argument or missing image, 3 nanoff not installed.
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

port=""
image=""
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
    --image)
      need_value "$1" "$#" "${2:-}"
      image="$2"
      shift 2
      ;;
    --image=*)
      image="${1#*=}"
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
if [[ "$port" == -* || "$port" =~ [[:space:]] ]]; then
  fail 2 "--port '$port' is not a serial port name"
fi
if [[ -z "$image" ]]; then
  fail 2 "--image is required: the .bin deployment image of the nanoFramework build"
fi
if [[ ! -e "$image" ]]; then
  fail 2 "--image '$image' does not exist (build the firmware project first; the .bin is next to the .pe files)"
fi
if [[ ! -f "$image" ]]; then
  fail 2 "--image '$image' is not a file"
fi
if [[ ! -s "$image" ]]; then
  fail 2 "--image '$image' is empty"
fi
if [[ "$image" =~ [[:space:]] ]]; then
  # nanoff gets the path as one argument either way; refusing keeps the printed command exact.
  fail 2 "--image '$image' contains whitespace: move or rename the image"
fi
case "$image" in
  *.bin | *.BIN) ;;
  *) printf 'warning: --image %s does not end in .bin; nanoff expects the .bin deployment image\n' "$image" >&2 ;;
esac

cmd=("$NANOFF" --nanodevice --deploy --serialport "$port" --image "$image")

if [[ "$dry_run" -eq 1 ]]; then
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

printf 'Deploying %s to %s...\n' "$image" "$port" >&2
printf '+ %s\n' "${cmd[*]}" >&2
set +e
"${cmd[@]}"
rc=$?
set -e
if [[ "$rc" -ne 0 ]]; then
  printf 'error: nanoff failed with exit code %d (is the nanoFramework firmware flashed? run flash-firmware.sh first)\n' "$rc" >&2
  exit 1
fi
printf 'Application deployed to %s (press RESET/EN if the node does not restart by itself).\n' "$port" >&2
