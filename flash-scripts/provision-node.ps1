<#
.SYNOPSIS
    Writes a node's configuration file to the device's internal storage (I:\edge\config.json), or every file
    of a node folder written by `edge provision`.

.DESCRIPTION
    Generates, in a temporary folder, the deploy.json that nanoff's --filedeployment reads:
      {"serialport":"PORT","files":[{"DestinationFilePath":"I:\\edge\\config.json","SourceFilePath":"C:\\...\\CONFIG"}]}
    and runs: nanoff --filedeployment <temp>\deploy.json
    The configuration must exist and be valid JSON (checked with ConvertFrom-Json).
    With -NodeDir, the files are those the folder's deploy.json lists (bare file names, relative to the folder,
    as `edge provision` writes them); the generated deploy.json gives nanoff the port and absolute paths.
    The PowerShell twin of provision-node.sh: -Port = --port, -Config = --config, -NodeDir = --node-dir,
    -DryRun = --dry-run.

    Exit codes: 0 ok (or dry run printed), 1 nanoff failed, 2 bad argument / missing or invalid config,
    3 nanoff not installed.

.PARAMETER Port
    Serial port of the node (required), e.g. COM3.

.PARAMETER Config
    The node's configuration file (JSON). Exclusive with -NodeDir.

.PARAMETER NodeDir
    A node folder written by `edge provision --out`: its deploy.json lists the files to write.

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
    [string]$NodeDir = '',
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

function Assert-JsonFile([string]$Path, [string]$What) {
    # Exits 2 unless $Path is a file of valid JSON; returns the parsed JSON.
    if (-not (Test-Path -LiteralPath $Path)) {
        Fail 2 "$What '$Path' does not exist"
    }
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        Fail 2 "$What '$Path' is not a file"
    }
    $text = Get-Content -LiteralPath $Path -Raw
    if ([string]::IsNullOrWhiteSpace($text)) {
        Fail 2 "$What '$Path' is not valid JSON: the file is empty"
    }
    try {
        return ($text | ConvertFrom-Json)
    }
    catch {
        Fail 2 "$What '$Path' is not valid JSON: $($_.Exception.Message)"
    }
}

Assert-NoUnknownArgument $Rest -Parameters '-Port, -Config, -NodeDir, -DryRun' -ScriptPath $PSCommandPath
Assert-Port $Port -NoControlCharacters
if ($Config -and $NodeDir) {
    Fail 2 '-Config and -NodeDir are exclusive: a node folder has its own config.json'
}

if ($NodeDir) {
    if ($NodeDir -match '\p{Cc}') {
        Fail 2 '-NodeDir path contains control characters'
    }
    if (-not (Test-Path -LiteralPath $NodeDir -PathType Container)) {
        Fail 2 "-NodeDir '$NodeDir' is not a folder (write it with: edge provision ... --out DIR)"
    }
    $folder = (Resolve-Path -LiteralPath $NodeDir).ProviderPath
    $list = Assert-JsonFile (Join-Path $folder 'deploy.json') '-NodeDir: deploy.json of'
    $null = Assert-JsonFile (Join-Path $folder 'config.json') '-NodeDir: config.json of'
    if ($list.PSObject.Properties['serialport'] -or -not $list.PSObject.Properties['files']) {
        Fail 2 "-NodeDir: $folder\deploy.json is not as edge provision writes it; write the folder again with edge provision"
    }
    $entries = @()
    foreach ($file in @($list.files)) {
        $source = [string]$file.SourceFilePath
        if ($source -notmatch '^[A-Za-z0-9._-]+$' -or $source -eq '.' -or $source -eq '..' -or
            -not (Test-Path -LiteralPath (Join-Path $folder $source) -PathType Leaf)) {
            Fail 2 "-NodeDir: $folder\deploy.json lists $source, which is not a file in $folder"
        }
        $entries += '{"DestinationFilePath":' + (ConvertTo-JsonString ([string]$file.DestinationFilePath)) +
            ',"SourceFilePath":' + (ConvertTo-JsonString (Join-Path $folder $source)) + '}'
    }
    if ($entries.Count -eq 0) {
        Fail 2 "-NodeDir: $folder\deploy.json lists no file"
    }
    $filesJson = $entries -join ','
    $described = $folder
}
else {
    if ([string]::IsNullOrWhiteSpace($Config)) {
        Fail 2 "-Config is required: the node's configuration file (JSON); or -NodeDir DIR"
    }
    if ($Config -match '\p{Cc}') {
        Fail 2 '-Config path contains control characters'
    }
    $null = Assert-JsonFile $Config '-Config'
    $sourcePath = (Resolve-Path -LiteralPath $Config).ProviderPath
    $filesJson = '{"DestinationFilePath":' + (ConvertTo-JsonString $Destination) +
        ',"SourceFilePath":' + (ConvertTo-JsonString $sourcePath) + '}'
    $described = $sourcePath
}

$workDir = Join-Path ([System.IO.Path]::GetTempPath()) ('edge-provision.' + [System.IO.Path]::GetRandomFileName())
$null = New-Item -ItemType Directory -Path $workDir
try {
    $deployJson = Join-Path $workDir 'deploy.json'
    $content = '{"serialport":' + (ConvertTo-JsonString $Port) + ',"files":[' + $filesJson + ']}'
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
        [Console]::Error.WriteLine("Writing $described to I:\edge\ on $Port...")
        Invoke-Nanoff -Arguments $arguments -FailureHint "close any serial monitor holding $Port and retry"
        if ($LASTEXITCODE -ne 0) {
            $rc = 1
        }
        else {
            [Console]::Error.WriteLine("Configuration written to I:\edge\ on $Port; reset the node to apply it.")
            $rc = 0
        }
    }
}
finally {
    Remove-Item -LiteralPath $workDir -Recurse -Force -ErrorAction SilentlyContinue
}
exit $rc
