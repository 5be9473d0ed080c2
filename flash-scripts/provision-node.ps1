<#
.SYNOPSIS
    Writes a node's configuration file to the device's internal storage (I:\edge\config.json).

.DESCRIPTION
    Generates, in a temporary folder, the deploy.json that nanoff's --filedeployment reads:
      {"serialport":"PORT","files":[{"DestinationFilePath":"I:\\edge\\config.json","SourceFilePath":"C:\\...\\CONFIG"}]}
    and runs: nanoff --filedeployment <temp>\deploy.json
    The configuration must exist and be valid JSON (checked with ConvertFrom-Json).
    The PowerShell twin of provision-node.sh: -Port = --port, -Config = --config, -DryRun = --dry-run.

    Exit codes: 0 ok (or dry run printed), 1 nanoff failed, 2 bad argument / missing or invalid config,
    3 nanoff not installed.

.PARAMETER Port
    Serial port of the node (required), e.g. COM3.

.PARAMETER Config
    The node's configuration file (required, JSON).

.PARAMETER DryRun
    Print deploy.json and the exact nanoff command instead of running it (nanoff not needed;
    the temporary folder is removed afterwards).

.EXAMPLE
    .\provision-node.ps1 -Port COM3 -Config .\nodes\node-42.json

.NOTES
    Environment: NANOFF (nanoff executable, default nanoff on PATH).
#>
[CmdletBinding()]
param(
    [string]$Port = '',
    [string]$Config = '',
    [switch]$DryRun,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Nanoff = if ($env:NANOFF) { $env:NANOFF } else { 'nanoff' }
$Destination = 'I:\edge\config.json'

function Fail([int]$Code, [string]$Message) {
    [Console]::Error.WriteLine("error: $Message")
    exit $Code
}

function ConvertTo-JsonString([string]$Text) {
    # A JSON string literal for paths and port names (no control characters).
    return '"' + $Text.Replace('\', '\\').Replace('"', '\"') + '"'
}

if ($Rest -and $Rest.Count -gt 0) {
    Fail 2 "unknown argument '$($Rest[0])' (parameters: -Port, -Config, -DryRun; see Get-Help $PSCommandPath)"
}
if ([string]::IsNullOrWhiteSpace($Port)) {
    Fail 2 '-Port is required (e.g. -Port COM3)'
}
if ($Port.StartsWith('-') -or $Port -match '[\s\p{Cc}]') {
    Fail 2 "-Port '$Port' is not a serial port name"
}
if ([string]::IsNullOrWhiteSpace($Config)) {
    Fail 2 "-Config is required: the node's configuration file (JSON)"
}
if ($Config -match '\p{Cc}') {
    Fail 2 '-Config path contains control characters'
}
if (-not (Test-Path -LiteralPath $Config)) {
    Fail 2 "-Config '$Config' does not exist"
}
if (-not (Test-Path -LiteralPath $Config -PathType Leaf)) {
    Fail 2 "-Config '$Config' is not a file"
}

$text = Get-Content -LiteralPath $Config -Raw
if ([string]::IsNullOrWhiteSpace($text)) {
    Fail 2 "-Config '$Config' is not valid JSON: the file is empty"
}
try {
    $null = $text | ConvertFrom-Json
}
catch {
    Fail 2 "-Config '$Config' is not valid JSON: $($_.Exception.Message)"
}

$sourcePath = (Resolve-Path -LiteralPath $Config).ProviderPath

$workDir = Join-Path ([System.IO.Path]::GetTempPath()) ('edge-provision.' + [System.IO.Path]::GetRandomFileName())
$null = New-Item -ItemType Directory -Path $workDir
try {
    $deployJson = Join-Path $workDir 'deploy.json'
    $content = '{"serialport":' + (ConvertTo-JsonString $Port) +
        ',"files":[{"DestinationFilePath":' + (ConvertTo-JsonString $Destination) +
        ',"SourceFilePath":' + (ConvertTo-JsonString $sourcePath) + '}]}'
    # UTF-8 without BOM on both Windows PowerShell 5.1 and PowerShell 7.
    [System.IO.File]::WriteAllText($deployJson, $content + "`n", (New-Object System.Text.UTF8Encoding($false)))

    $arguments = @('--filedeployment', $deployJson)

    if ($DryRun) {
        Write-Output "# $deployJson"
        Write-Output $content
        Write-Output (@($Nanoff) + $arguments -join ' ')
        $rc = 0
    }
    elseif (-not (Get-Command $Nanoff -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine("error: nanoff is not installed (looked for `"$Nanoff`").")
        [Console]::Error.WriteLine('Install it with the .NET SDK:  dotnet tool install -g nanoff')
        [Console]::Error.WriteLine('then make sure %USERPROFILE%\.dotnet\tools (Linux/macOS: ~/.dotnet/tools) is on PATH.')
        $rc = 3
    }
    else {
        [Console]::Error.WriteLine("Writing $sourcePath to $Destination on $Port...")
        [Console]::Error.WriteLine("+ $(@($Nanoff) + $arguments -join ' ')")
        & $Nanoff @arguments
        if ($LASTEXITCODE -ne 0) {
            [Console]::Error.WriteLine("error: nanoff failed with exit code $LASTEXITCODE (close any serial monitor holding $Port and retry)")
            $rc = 1
        }
        else {
            [Console]::Error.WriteLine("Configuration written to $Destination on $Port; reset the node to apply it.")
            $rc = 0
        }
    }
}
finally {
    Remove-Item -LiteralPath $workDir -Recurse -Force -ErrorAction SilentlyContinue
}
exit $rc
