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

# Fail, Assert-NoUnknownArgument, Assert-Port, Format-NanoffCommand, Test-NanoffInstalled, Invoke-Nanoff; $Nanoff.
. (Join-Path (Join-Path $PSScriptRoot 'lib') 'common.ps1')
$Destination = 'I:\edge\config.json'

function ConvertTo-JsonString([string]$Text) {
    # A JSON string literal for paths and port names (no control characters).
    return '"' + $Text.Replace('\', '\\').Replace('"', '\"') + '"'
}

Assert-NoUnknownArgument $Rest -Parameters '-Port, -Config, -DryRun' -ScriptPath $PSCommandPath
Assert-Port $Port -NoControlCharacters
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
        Write-Output (Format-NanoffCommand $arguments)
        $rc = 0
    }
    elseif (-not (Test-NanoffInstalled)) {
        $rc = 3
    }
    else {
        [Console]::Error.WriteLine("Writing $sourcePath to $Destination on $Port...")
        Invoke-Nanoff -Arguments $arguments -FailureHint "close any serial monitor holding $Port and retry"
        if ($LASTEXITCODE -ne 0) {
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
