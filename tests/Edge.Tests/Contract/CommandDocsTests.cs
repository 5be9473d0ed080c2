using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Edge.Core.Commands;
using Xunit;

namespace Edge.Tests.Contract
{
    /// <summary>The docs list exactly the commands the node's handlers take, under the names it takes them by.</summary>
    public class CommandDocsTests
    {
        [Fact]
        public void The_readme_table_lists_every_command_the_node_takes_in_order()
        {
            string[] documented = TableRows(Read("README.md"), "| command | payload | does |").Select(r => r[0]).ToArray();

            Assert.Equal(NodeCommands.Names(), documented);
        }

        [Fact]
        public void The_fiware_table_lists_every_iot_agent_name_with_the_command_it_runs()
        {
            string[][] rows = TableRows(Read(Path.Combine("docs", "fiware", "README.md")), "| command | runs | value |");

            Assert.Equal(Enumerable.Range(0, IotaCommands.Count).Select(i => (IotaCommands.Name(i), NodeCommands.Names()[i])), rows.Select(r => (r[0], r[1])));
            Assert.All(rows, r => Assert.Equal(r[1], IotaCommands.NodeCommand(r[0])));
        }

        [Fact]
        public void The_asyncapi_description_names_every_command()
        {
            Assert.Contains("Commands to the node (" + NodeCommands.Known() + ")", Read(Path.Combine("docs", "asyncapi.yaml")));
        }

        /// <summary>The first two cells, without their back quotes, of the rows of the table under this header.</summary>
        private static string[][] TableRows(string text, string header)
        {
            string[] lines = text.Split('\n');
            int start = Array.IndexOf(lines, header);
            Assert.True(start >= 0, header);
            return lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|').Skip(1).Take(2).Select(c => Regex.Replace(c.Trim(), "^`|`$", string.Empty)).ToArray()).ToArray();
        }

        private static string Read(string path)
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            return File.ReadAllText(Path.Combine(directory!.FullName, path)).Replace("\r\n", "\n");
        }
    }
}
