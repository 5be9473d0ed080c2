using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using CsvHelper;

namespace Edge.Host.Provisioning
{
    /// <summary>One row of a --batch file: its line, the request it makes (the command line's options filling the
    /// cells left empty), or why the row cannot be read.</summary>
    public sealed record BatchRow(int Line, NodeRequest Request, string? Error);

    /// <summary>
    /// A delivery of nodes as a CSV file (RFC 4180, read with CsvHelper): a header row naming the columns, then one
    /// node per row. The columns are the options of `edge provision` in snake case; `meter` holds the node's
    /// meters separated by spaces. Paths are relative to the CSV file's folder. An empty cell takes the value of
    /// the same option on the command line (e.g. one --broker and --ca for the whole delivery).
    /// </summary>
    public static class NodeBatch
    {
        public static readonly string[] Columns =
            ["node_id", "board", "meter", "broker", "username", "password_file", "wifi_ssid", "wifi_password_file", "ca", "cert", "key", "profile", "format", "prefix"];

        /// <summary>The rows of the file; throws <see cref="FormatException"/> naming the line when the file is not
        /// a CSV with a known header (then no node is provisioned).</summary>
        public static List<BatchRow> Read(string path, NodeRequest defaults)
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var options = new CsvReaderOptions
            {
                // A delivery list is a comma-separated file (RFC 4180); not guessed, so a cell with a ';' stays one cell.
                Separator = ',',
                HasHeader = true,
                SkipEmptyLines = true,
                CommentPrefix = '#',
                TrimWhitespace = true,
                MalformedData = CsvMalformedDataHandling.Throw,
                TrackLineNumbers = true,
            };
            var rows = new List<BatchRow>();
            try
            {
                using CsvReader csv = CsvReader.FromFile(path, options);
                string[] header = [.. csv.Headers];
                if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
                {
                    throw new FormatException($"{path}: empty; expected a header row of columns from: {string.Join(",", Columns)}");
                }

                for (int i = 0; i < header.Length; i++)
                {
                    if (Array.IndexOf(Columns, header[i]) < 0)
                    {
                        throw new FormatException($"{path} line 1: column '{header[i]}' is not one of {string.Join(",", Columns)}");
                    }

                    if (Array.IndexOf(header, header[i]) != i)
                    {
                        throw new FormatException($"{path} line 1: column '{header[i]}' is there twice");
                    }
                }

                if (Array.IndexOf(header, "node_id") < 0)
                {
                    throw new FormatException($"{path} line 1: no node_id column; every row is a node and needs its id");
                }

                while (csv.Read())
                {
                    int line = (int)csv.LineNumber;
                    if (csv.FieldCount != header.Length)
                    {
                        string? id = csv.FieldCount > 0 ? csv.GetString(Array.IndexOf(header, "node_id")) : null;
                        rows.Add(new BatchRow(line, defaults with { NodeId = id }, $"line {line} has {csv.FieldCount} fields, the header {header.Length}"));
                        continue;
                    }

                    var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (int i = 0; i < header.Length; i++)
                    {
                        cells[header[i]] = csv.GetString(i) ?? string.Empty;
                    }

                    rows.Add(new BatchRow(line, Request(cells, defaults, folder), null));
                }
            }
            catch (CsvFormatException e)
            {
                throw new FormatException($"{path} line {e.LineNumber}: not CSV as RFC 4180 writes it ({e.Message}); quote a field holding a comma or a quote, and double the quotes inside it");
            }

            return rows;
        }

        private static NodeRequest Request(Dictionary<string, string> cells, NodeRequest defaults, string folder)
        {
            string? Cell(string column, string? fallback) =>
                cells.TryGetValue(column, out string? value) && value.Length > 0 ? value : fallback;

            string? PathCell(string column, string? fallback) =>
                cells.TryGetValue(column, out string? value) && value.Length > 0 ? Path.GetFullPath(value, folder) : fallback;

            string? meters = Cell("meter", null);
            return new NodeRequest
            {
                NodeId = Cell("node_id", null),
                Board = Cell("board", defaults.Board),
                Meters = meters is null ? defaults.Meters : meters.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                Broker = Cell("broker", defaults.Broker),
                Username = Cell("username", defaults.Username),
                PasswordFile = PathCell("password_file", defaults.PasswordFile),
                WifiSsid = Cell("wifi_ssid", defaults.WifiSsid),
                WifiPasswordFile = PathCell("wifi_password_file", defaults.WifiPasswordFile),
                Ca = PathCell("ca", defaults.Ca),
                Cert = PathCell("cert", defaults.Cert),
                Key = PathCell("key", defaults.Key),
                Profile = Cell("profile", defaults.Profile),
                Format = Cell("format", defaults.Format),
                Prefix = Cell("prefix", defaults.Prefix),
            };
        }
    }
}
