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
    (esp32-devkitc, olimex-esp32-poe, wt32-eth01, ...). Exclusive with -Target.

.PARAMETER Target
    nanoFramework firmware target (default ESP32_PSRAM_REV0).

.PARAMETER MassErase
    Erase the whole flash first (configuration and deployed application are lost).

.PARAMETER DryRun
    Print the exact nanoff command instead of running it (nanoff not needed).

.EXAMPLE
    .\flash-firmware.ps1 -Port COM3 -Board olimex-esp32-poe -MassErase

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
$Nanoff = if ($env:NANOFF) { $env:NANOFF } else { 'nanoff' }

function Fail([int]$Code, [string]$Message) {
    [Console]::Error.WriteLine("error: $Message")
    exit $Code
}

if ($Rest -and $Rest.Count -gt 0) {
    Fail 2 "unknown argument '$($Rest[0])' (parameters: -Port, -Board, -Target, -MassErase, -DryRun; see Get-Help $PSCommandPath)"
}
if ([string]::IsNullOrWhiteSpace($Port)) {
    Fail 2 '-Port is required (e.g. -Port COM3)'
}
if ($Port.StartsWith('-') -or $Port -match '\s') {
    Fail 2 "-Port '$Port' is not a serial port name"
}
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
    Write-Output (@($Nanoff) + $arguments -join ' ')
    exit 0
}

if (-not (Get-Command $Nanoff -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine("error: nanoff is not installed (looked for `"$Nanoff`").")
    [Console]::Error.WriteLine('Install it with the .NET SDK:  dotnet tool install -g nanoff')
    [Console]::Error.WriteLine('then make sure %USERPROFILE%\.dotnet\tools (Linux/macOS: ~/.dotnet/tools) is on PATH.')
    exit 3
}

$eraseNote = if ($MassErase) { ' (mass erase)' } else { '' }
[Console]::Error.WriteLine("Flashing nanoFramework firmware $Target on $Port$eraseNote...")
[Console]::Error.WriteLine("+ $(@($Nanoff) + $arguments -join ' ')")
& $Nanoff @arguments
$rc = $LASTEXITCODE
if ($rc -ne 0) {
    Fail 1 "nanoff failed with exit code $rc (if the board does not enter download mode, hold BOOT/IO0 low while pressing RESET/EN, then retry)"
}
[Console]::Error.WriteLine("Firmware $Target flashed on $Port.")
exit 0
