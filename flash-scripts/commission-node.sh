#!/usr/bin/env bash
# Commission a node: from a board on a USB cable and a folder written by `edge provision`, to a node that runs
# Edge with its configuration. One script for the installer, in five steps (each one of the scripts beside it):
#
#   1. install nanoff if it is missing (dotnet tool install -g nanoff)
#   2. build the application image if it is missing (msbuild with the nanoFramework MSBuild components)
#   3. flash the nanoFramework firmware of the board's target   (flash-firmware.sh)
#   4. deploy the application image                              (deploy-app.sh)
#   5. upload the node's files to I:\edge\                      (provision-node.sh --node-dir)
#
#   commission-node.sh --port /dev/ttyUSB0 --board esp32-devkitc --node-dir nodes/node-42 [--dry-run]
#
# Exit codes: 0 success (or dry run printed), 1 a step failed (nanoff, the build), 2 bad argument, missing or
# mismatched node folder, image that cannot be built here, 3 nanoff not installed and not installable.
set -euo pipefail

SCRIPT_DIR="$(CDPATH="" cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
REPO_ROOT="$(CDPATH="" cd -- "${SCRIPT_DIR}/.." && pwd)"
readonly REPO_ROOT
# The nanoFramework build writes the deployment image beside the .pe files as <AssemblyName>.bin.
readonly DEFAULT_IMAGE="${REPO_ROOT}/firmware/Edge.Firmware/bin/Release/Edge.Firmware.bin"
readonly FIRMWARE_PROJECT="${REPO_ROOT}/firmware/Edge.Firmware/Edge.Firmware.nfproj"
readonly FIRMWARE_PACKAGES="${REPO_ROOT}/firmware/Edge.Firmware/packages.config"
# fail, parse_args, require_port, require_nanoff, app_deploy_command, run_status; NANOFF (default nanoff).
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "${SCRIPT_DIR}/lib/common.sh"

usage() {
  cat <<'EOF_USAGE'
Usage: commission-node.sh --port PORT --board NAME --node-dir DIR [--image IMAGE] [--mass-erase] [--dry-run]

Commissions a node in five steps, each printed before it runs:
  1. dotnet tool install -g nanoff                       (only if nanoff is missing)
  2. nuget restore ... ; msbuild Edge.Firmware.nfproj    (only if the image is missing)
  3. nanoff --update --target TARGET --serialport PORT   (TARGET from hardware/boards/NAME.json)
  4. nanoff --nanodevice --deploy --serialport PORT --image IMAGE
  5. nanoff --filedeployment deploy.json                 (the files of DIR, to I:\edge\)
then says what to watch: the status LED and the node's first status message on the broker.

Options:
  --port PORT       serial port of the node (required), e.g. /dev/ttyUSB0, /dev/cu.usbserial-0001, COM3
  --board NAME      board profile (required): esp32-devkitc, wt32-eth01, ... (hardware/boards/NAME.json);
                    must be the board the node folder was provisioned for
  --node-dir DIR    the node's folder written by `edge provision --out` (required)
  --image IMAGE     the application image (.bin); default firmware/Edge.Firmware/bin/Release/Edge.Firmware.bin,
                    built when missing
  --mass-erase      erase the whole flash first (what another project left there is lost)
  --dry-run         print the exact commands, in order, instead of running them (nanoff not needed)
  -h, --help        show this help

Environment:
  NANOFF            nanoff executable to run (default: nanoff on PATH)
  EDGE_BOARDS_DIR   folder of board profiles (default: hardware/boards of this repository)

Exit codes: 0 ok, 1 a step failed, 2 bad argument / node folder / image not buildable here, 3 nanoff missing.
EOF_USAGE
}

config_field() {
  # config_field FILE NAME: the string value of a top-level field of a config.json written by `edge provision`
  # (one member per line), or nothing.
  sed -n 's/^  "'"$2"'":[[:space:]]*"\([^"\\]*\)",\{0,1\}[[:space:]]*$/\1/p' "$1" | head -n 1
}

broker_field() {
  # broker_field FILE NAME: a string value of the "broker" object of such a config.json.
  sed -n '/^  "broker":/,/^  }/s/^    "'"$2"'":[[:space:]]*"\([^"\\]*\)",\{0,1\}[[:space:]]*$/\1/p' "$1" | head -n 1
}

run_step() {
  # run_step NUMBER WHAT COMMAND...: runs one step; a failure stops the commissioning, naming the step.
  local number="$1" what="$2"
  shift 2
  run_status "$@"
  if [[ "$RUN_STATUS" -ne 0 ]]; then
    printf 'error: commissioning stopped at step %s (%s); fix what is said above and run the same command again\n' "$number" "$what" >&2
    exit "$RUN_STATUS"
  fi
}

port=""
board=""
node_dir=""
image=""
mass_erase=0
dry_run=0
# "--option=variable": options taking a value (--port PORT or --port=PORT), then flags.
VALUE_OPTIONS=(--port=port --board=board --node-dir=node_dir --image=image)
FLAG_OPTIONS=(--mass-erase=mass_erase --dry-run=dry_run)
parse_args "$@"

# Everything is checked before the first step, so that a wrong folder never leaves a half-commissioned node.
require_port "$port" --no-control
if [[ -z "$board" ]]; then
  fail 2 "--board is required: the board profile the node was provisioned for (hardware/boards/NAME.json)"
fi
if [[ -z "$node_dir" ]]; then
  fail 2 "--node-dir is required: the node's folder written by edge provision --out DIR (DIR/<node-id>)"
fi
if [[ ! -d "$node_dir" ]]; then
  fail 2 "--node-dir '$node_dir' is not a folder (write it with: edge provision --node-id ID ... --out DIR)"
fi
config="${node_dir}/config.json"
if [[ ! -f "$config" || ! -f "${node_dir}/deploy.json" ]]; then
  fail 2 "--node-dir '$node_dir' has no config.json and deploy.json: it is not a folder of edge provision"
fi
provisioned_board="$(config_field "$config" board)"
if [[ "$provisioned_board" != "$board" ]]; then
  fail 2 "--board '$board' is not the board node folder '$node_dir' was provisioned for ('${provisioned_board:-none}'): check the board, or provision the node again with --board $board"
fi
node_id="$(config_field "$config" nodeId)"
prefix="$(config_field "$config" topicPrefix)"
broker="$(broker_field "$config" uri)"
username="$(broker_field "$config" username)"

build_image=0
if [[ -z "$image" ]]; then
  image="$DEFAULT_IMAGE"
  if [[ ! -s "$image" ]]; then
    build_image=1
  fi
elif [[ ! -s "$image" ]]; then
  fail 2 "--image '$image' does not exist or is empty (leave --image out to build the default image)"
fi

dry_flag=()
if [[ "$dry_run" -eq 1 ]]; then
  dry_flag=(--dry-run)
fi

# 1. nanoff
if ! command -v "$NANOFF" >/dev/null 2>&1; then
  if [[ "$NANOFF" != nanoff ]]; then
    require_nanoff
  fi
  if [[ "$dry_run" -eq 1 ]]; then
    printf '%s\n' "dotnet tool install -g nanoff"
  else
    if ! command -v dotnet >/dev/null 2>&1; then
      require_nanoff
    fi
    printf '+ dotnet tool install -g nanoff\n' >&2
    run_step 1 "install nanoff" dotnet tool install -g nanoff
    if ! command -v nanoff >/dev/null 2>&1; then
      # The .NET SDK installs global tools there; it is on PATH only after a new login.
      NANOFF="${HOME}/.dotnet/tools/nanoff"
    fi
    require_nanoff
  fi
fi
export NANOFF

# 2. the application image
if [[ "$build_image" -eq 1 ]]; then
  restore=(nuget restore "$FIRMWARE_PACKAGES" -PackagesDirectory "${REPO_ROOT}/packages")
  build=(msbuild "$FIRMWARE_PROJECT" -p:Configuration=Release)
  missing_tools=""
  for tool in nuget msbuild; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      missing_tools="${missing_tools:+${missing_tools} and }${tool}"
    fi
  done
  cannot_build="the image ${image} is not built, and it cannot be built here: ${missing_tools} not found. The nanoFramework build needs msbuild with the nanoFramework MSBuild components (Visual Studio with the .NET nanoFramework extension, on Windows) and nuget; build firmware/Edge.Firmware there (firmware/Edge.Firmware/README.md), then copy Edge.Firmware.bin and give --image"
  if [[ "$dry_run" -eq 1 ]]; then
    printf '%s\n' "${restore[*]}" "${build[*]}"
    if [[ -n "$missing_tools" ]]; then
      printf 'warning: %s\n' "$cannot_build" >&2
    fi
  else
    if [[ -n "$missing_tools" ]]; then
      fail 2 "$cannot_build"
    fi
    printf '+ %s\n' "${restore[*]}" >&2
    run_step 2 "restore the nanoFramework packages" "${restore[@]}"
    printf '+ %s\n' "${build[*]}" >&2
    run_step 2 "build the application image" "${build[@]}"
    if [[ ! -s "$image" ]]; then
      fail 1 "the build ran but wrote no ${image}: is the project an application (OutputType Exe) of the nanoFramework project system?"
    fi
  fi
fi

# 3. the nanoFramework firmware of the board's target
erase=()
if [[ "$mass_erase" -eq 1 ]]; then
  erase=(--mass-erase)
fi
run_step 3 "flash the nanoFramework firmware" "${SCRIPT_DIR}/flash-firmware.sh" --port "$port" --board "$board" "${erase[@]}" "${dry_flag[@]}"

# 4. the application; in a dry run the image may be one that step 2 would build, so deploy-app.sh cannot check it.
if [[ "$dry_run" -eq 1 && "$build_image" -eq 1 ]]; then
  app_deploy_command "$port" "$image"
  printf '%s\n' "${APP_DEPLOY_COMMAND[*]}"
else
  run_step 4 "deploy the application" "${SCRIPT_DIR}/deploy-app.sh" --port "$port" --image "$image" "${dry_flag[@]}"
fi

# 5. the node's files
run_step 5 "upload the node's files" "${SCRIPT_DIR}/provision-node.sh" --port "$port" --node-dir "$node_dir" "${dry_flag[@]}"

# What the installer does next. In a dry run, as comments after the commands.
if [[ "$dry_run" -eq 1 ]]; then
  lead='# '
else
  lead=''
  printf '\nNode %s is commissioned.\n' "$node_id"
fi
topic="${prefix:-edge}/${node_id}/status"
host_port="${broker#*://}"
printf '%sNext: press RESET/EN (or power-cycle) and watch the status LED: firmware/Edge.Firmware/README.md, "Status LED", says what each pattern means.\n' "$lead"
printf '%sThen the node announces itself on the broker, retained on %s: {"v":1,"node":"%s","state":"online",...}\n' "$lead" "$topic" "$node_id"
case "$broker" in
  mqtts://*)
    printf '%sSee it with: mosquitto_sub -h %s -p %s --cafile %s -u %s -P PASSWORD -t '\''%s'\'' -v\n' \
      "$lead" "${host_port%:*}" "${host_port##*:}" "$(CDPATH="" cd -- "$node_dir" && pwd)/ca.pem" "${username:-USER}" "${prefix:-edge}/${node_id}/#"
    ;;
  *)
    printf '%sSee it with: dotnet run --project firmware/Edge.Host -- listen --broker %s --prefix %s\n' "$lead" "$broker" "${prefix:-edge}"
    ;;
esac
printf '%sNo LED and no message within 2 minutes: see "Flash and commission a node", troubleshooting, in README.md.\n' "$lead"
