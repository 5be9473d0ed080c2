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

# fail, parse_args, require_port, finish_dry_run, require_nanoff, app_deploy_command, run_nanoff; NANOFF (default nanoff).
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "$(dirname -- "${BASH_SOURCE[0]}")/lib/common.sh"

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

port=""
image=""
dry_run=0
# "--option=variable": options taking a value (--port PORT or --port=PORT), then flags.
VALUE_OPTIONS=(--port=port --image=image)
FLAG_OPTIONS=(--dry-run=dry_run)
parse_args "$@"

require_port "$port"
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

app_deploy_command "$port" "$image"
cmd=("${APP_DEPLOY_COMMAND[@]}")

finish_dry_run "$dry_run" "${cmd[@]}"
require_nanoff

printf 'Deploying %s to %s...\n' "$image" "$port" >&2
run_nanoff 'is the nanoFramework firmware flashed? run flash-firmware.sh first' "${cmd[@]}"
printf 'Application deployed to %s (press RESET/EN if the node does not restart by itself).\n' "$port" >&2
