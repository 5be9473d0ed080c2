using System.CommandLine;
using System.CommandLine.Parsing;

namespace Edge.Host.Cli
{
    /// <summary>
    /// The one line `edge` writes for a command line it cannot run: the first parse error, worded so that it names
    /// the option (or argument) at fault. System.CommandLine's own error output is not used: it writes every
    /// error and then the whole help, which buries the one line that matters.
    /// </summary>
    public static class UsageMessage
    {
        public static string Of(ParseResult parse)
        {
            // Errors of an option or argument name it already (the custom parsers and validators say what is allowed).
            foreach (ParseError e in parse.Errors)
            {
                switch (e.SymbolResult)
                {
                    case OptionResult { IdentifierToken: null } missing when missing.Option.Required:
                        return $"{missing.Option.Name} is required: {missing.Option.Description}";
                    case ArgumentResult { Tokens.Count: 0 } missing:
                        return $"{missing.Argument.Name} is missing: {missing.Argument.Description}";
                    case OptionResult option:
                        return Naming(option.Option.Name, e.Message);
                    case ArgumentResult argument:
                        return Naming(argument.Argument.Name, e.Message);
                }
            }

            Command command = parse.CommandResult.Command;
            if (parse.UnmatchedTokens.Count > 0)
            {
                return Unexpected(parse, command, parse.UnmatchedTokens[0]);
            }

            if (command is RootCommand)
            {
                return $"no command given; expected {CommandNames(command)} (edge --help says more)";
            }

            return parse.Errors[0].Message;
        }

        /// <summary>Our parsers' messages start with the option's name; System.CommandLine's own ones (an option
        /// given twice, a value missing) get it in front, so every line starts with what it is about.</summary>
        private static string Naming(string name, string message) =>
            message.StartsWith(name + " ", System.StringComparison.Ordinal) ? message : $"{name}: {message}";

        private static string Unexpected(ParseResult parse, Command command, string token)
        {
            if (command is RootCommand)
            {
                return $"'{CliOptions.Printable(token)}' is not a command; expected {CommandNames(command)}";
            }

            // A value after an option that takes none (a flag such as --json) is left over by the parser: say whose it was.
            for (int i = 1; i < parse.Tokens.Count; i++)
            {
                if (parse.Tokens[i].Value == token && parse.Tokens[i - 1].Type == TokenType.Option)
                {
                    return $"{parse.Tokens[i - 1].Value} takes no value, not '{CliOptions.Printable(token)}'";
                }
            }

            return token.StartsWith('-')
                ? $"{CliOptions.Printable(token)} is not an option of edge {command.Name} (edge {command.Name} --help lists them)"
                : $"unexpected argument '{CliOptions.Printable(token)}' for edge {command.Name} (edge {command.Name} --help says what it takes)";
        }

        private static string CommandNames(Command root)
        {
            var names = new string[root.Subcommands.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = root.Subcommands[i].Name;
            }

            return CliOptions.List(names);
        }
    }
}
