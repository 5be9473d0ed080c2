<#
.SYNOPSIS
    Flashes the .NET nanoFramework firmware (nanoCLR) onto an ESP32 node with nanoff.

.DESCRIPTION
    Runs: nanoff --update --target TARGET --serialport PORT [--masserase]
    The PowerShell twin of flash-firmware.sh; parameters map one to one:
      -Port = --port, -Board = --board, -Target = --target, -MassErase = --mass-erase, -DryRun = --dry-run.

    Exit codes: 0 ok (or dry run printed), 1 nanoff failed, 2 bad argument, 3 nanoff not installed.

.PARAMETER Port
    Serial port of the node (required), e.g. COM3.

.PARAMETER Board
    Board profile name: reads the firmware target from hardware\boards\NAME.json
    (esp32-devkitc, olimex-esp32-poe-iso, wt32-eth01, ...). Exclusive with -Target.

.PARAMETER Target
    nanoFramework firmware target (default ESP32_PSRAM_REV0).

.PARAMETER MassErase
    Erase the whole flash first (configuration and deployed application are lost).

.PARAMETER DryRun
    Print the exact nanoff command instead of running it (nanoff not needed).

.EXAMPLE
    .\flash-firmware.ps1 -Port COM3 -Board olimex-esp32-poe-iso -MassErase

.NOTES
    Environment: NANOFF (nanoff executable, default nanoff on PATH), EDGE_BOARDS_DIR (folder of board profiles).
    If scripts are blocked: powershell -ExecutionPolicy Bypass -File .\flash-firmware.ps1 -Port COM3
#>
[CmdletBinding()]
param(
    [string]$Port = '',
    [string]$Board = '',
    [string]$Target = '',
    [switch]$MassErase,
    [switch]$DryRun,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$DefaultTarget = 'ESP32_PSRAM_REV0'
$BoardsDir = if ($env:EDGE_BOARDS_DIR) { $env:EDGE_BOARDS_DIR } else { Join-Path (Join-Path (Join-Path $PSScriptRoot '..') 'hardware') 'boards' }

# Fail, Assert-NoUnknownArgument, Assert-Port, Format-NanoffCommand, Test-NanoffInstalled, Invoke-Nanoff; $Nanoff.
. (Join-Path (Join-Path $PSScriptRoot 'lib') 'common.ps1')

Assert-NoUnknownArgument $Rest -Parameters '-Port, -Board, -Target, -MassErase, -DryRun' -ScriptPath $PSCommandPath
Assert-Port $Port
if ($Board -and $Target) {
    Fail 2 '-Board and -Target are exclusive: the board profile already names its target'
}

if ($Board) {
    if ($Board -notmatch '^[A-Za-z0-9][A-Za-z0-9._-]*$') {
        Fail 2 "-Board '$Board' is not a board name (letters, digits, '.', '_' and '-' only)"
    }
    $boardFile = Join-Path $BoardsDir "$Board.json"
    if (-not (Test-Path -LiteralPath $boardFile -PathType Leaf)) {
        $available = @(Get-ChildItem -Path $BoardsDir -Filter '*.json' -ErrorAction SilentlyContinue | ForEach-Object { $_.BaseName }) -join ', '
        if (-not $available) { $available = 'none' }
        Fail 2 "unknown board '$Board': no file hardware/boards/$Board.json (available: $available)"
    }
    try {
        $boardProfile = Get-Content -LiteralPath $boardFile -Raw | ConvertFrom-Json
    }
    catch {
        Fail 2 "board profile hardware/boards/$Board.json is not valid JSON: $($_.Exception.Message)"
    }
    $Target = [string]($boardProfile.PSObject.Properties['nanoFrameworkTarget'] | ForEach-Object { $_.Value })
    if (-not $Target) {
        Fail 2 "board profile hardware/boards/$Board.json has no `"nanoFrameworkTarget`" string"
    }
}

if (-not $Target) { $Target = $DefaultTarget }
if ($Target -notmatch '^[A-Za-z0-9][A-Za-z0-9_.-]*$') {
    Fail 2 "-Target '$Target' is not a nanoFramework target name (e.g. ESP32_PSRAM_REV0, ESP32_OLIMEX)"
}

$arguments = @('--update', '--target', $Target, '--serialport', $Port)
if ($MassErase) { $arguments += '--masserase' }

if ($DryRun) {
    Write-Output (Format-NanoffCommand $arguments)
    exit 0
}

if (-not (Test-NanoffInstalled)) {
    exit 3
}

$eraseNote = if ($MassErase) { ' (mass erase)' } else { '' }
[Console]::Error.WriteLine("Flashing nanoFramework firmware $Target on $Port$eraseNote...")
Invoke-Nanoff -Arguments $arguments -FailureHint 'if the board does not enter download mode, hold BOOT/IO0 low while pressing RESET/EN, then retry'
if ($LASTEXITCODE -ne 0) {
    exit 1
}
[Console]::Error.WriteLine("Firmware $Target flashed on $Port.")
exit 0
