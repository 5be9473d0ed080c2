#!/usr/bin/env bash
# Flash the .NET nanoFramework firmware (nanoCLR) onto an ESP32 node with nanoff.
#
#   flash-firmware.sh --port /dev/ttyUSB0 --board olimex-esp32-poe-iso [--mass-erase] [--dry-run]
#   flash-firmware.sh --port /dev/ttyUSB0 [--target ESP32_PSRAM_REV0] [--mass-erase] [--dry-run]
#
# Exit codes: 0 success (or dry run printed), 1 nanoff failed, 2 bad argument, 3 nanoff not installed.
set -euo pipefail

readonly DEFAULT_TARGET="ESP32_PSRAM_REV0"
SCRIPT_DIR="$(CDPATH="" cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
# Board profiles live in hardware/boards/ next to this folder; EDGE_BOARDS_DIR overrides it.
BOARDS_DIR="${EDGE_BOARDS_DIR:-${SCRIPT_DIR}/../hardware/boards}"
# fail, parse_args, require_port, finish_dry_run, require_nanoff, run_nanoff; NANOFF (default nanoff).
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
. "${SCRIPT_DIR}/lib/common.sh"

usage() {
  cat <<'EOF'
Usage: flash-firmware.sh --port PORT [--board NAME | --target TARGET] [--mass-erase] [--dry-run]

Flashes the nanoFramework firmware onto an ESP32 node:
  nanoff --update --target TARGET --serialport PORT [--masserase]

Options:
  --port PORT       serial port of the node (required), e.g. /dev/ttyUSB0, /dev/cu.usbserial-0001, COM3
  --board NAME      board profile: reads the firmware target from hardware/boards/NAME.json
                    (esp32-devkitc, olimex-esp32-poe-iso, wt32-eth01, ...)
  --target TARGET   nanoFramework firmware target (default ESP32_PSRAM_REV0); do not combine with --board
  --mass-erase      erase the whole flash first (configuration and deployed application are lost)
  --dry-run         print the exact nanoff command instead of running it (nanoff not needed)
  -h, --help        show this help

Environment:
  NANOFF            nanoff executable to run (default: nanoff on PATH)
  EDGE_BOARDS_DIR   folder of board profiles (default: hardware/boards of this repository)

Exit codes: 0 ok, 1 nanoff failed, 2 bad argument, 3 nanoff not installed.
EOF
}

available_boards() {
  local names="" f
  for f in "${BOARDS_DIR}"/*.json; do
    [[ -e "$f" ]] || continue
    f="$(basename "$f" .json)"
    names="${names:+${names}, }${f}"
  done
  printf '%s' "${names:-none}"
}

target_of_board() {
  # Prints the "nanoFrameworkTarget" value of a board profile (a flat string field).
  local file="$1" value
  value="$(sed -n 's/.*"nanoFrameworkTarget"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$file" | head -n 1)"
  printf '%s' "$value"
}

port=""
target=""
board=""
mass_erase=0
dry_run=0
# "--option=variable": options taking a value (--port PORT or --port=PORT), then flags.
VALUE_OPTIONS=(--port=port --target=target --board=board)
FLAG_OPTIONS=(--mass-erase=mass_erase --masserase=mass_erase --dry-run=dry_run)
parse_args "$@"

require_port "$port"
if [[ -n "$board" && -n "$target" ]]; then
  fail 2 "--board and --target are exclusive: the board profile already names its target"
fi

if [[ -n "$board" ]]; then
  if [[ ! "$board" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
    fail 2 "--board '$board' is not a board name (letters, digits, '.', '_' and '-' only)"
  fi
  board_file="${BOARDS_DIR}/${board}.json"
  if [[ ! -f "$board_file" ]]; then
    fail 2 "unknown board '$board': no file hardware/boards/${board}.json (available: $(available_boards))"
  fi
  target="$(target_of_board "$board_file")"
  if [[ -z "$target" ]]; then
    fail 2 "board profile hardware/boards/${board}.json has no \"nanoFrameworkTarget\" string"
  fi
fi

target="${target:-$DEFAULT_TARGET}"
if [[ ! "$target" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]]; then
  fail 2 "--target '$target' is not a nanoFramework target name (e.g. ESP32_PSRAM_REV0, ESP32_OLIMEX)"
fi

cmd=("$NANOFF" --update --target "$target" --serialport "$port")
if [[ "$mass_erase" -eq 1 ]]; then
  cmd+=(--masserase)
fi

finish_dry_run "$dry_run" "${cmd[@]}"
require_nanoff

erase_note=""
if [[ "$mass_erase" -eq 1 ]]; then
  erase_note=" (mass erase)"
fi
printf 'Flashing nanoFramework firmware %s on %s%s...\n' "$target" "$port" "$erase_note" >&2
run_nanoff 'if the board does not enter download mode, hold BOOT/IO0 low while pressing RESET/EN, then retry' "${cmd[@]}"
printf 'Firmware %s flashed on %s.\n' "$target" "$port" >&2
