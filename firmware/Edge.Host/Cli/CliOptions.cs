using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;

namespace Edge.Host.Cli
{
    /// <summary>
    /// The kinds of option values the commands share, each checked by System.CommandLine as it parses (a custom
    /// parser or a validator), so a bad value is a parse error of one line that names the option, says what is
    /// wrong and what is allowed, and no command runs with it.
    /// </summary>
    public static class CliOptions
    {
        /// <summary>What a node id or prefix may be. MQTT 3.1.1 section 4.7.1: '/' separates topic levels, '+' and
        /// '#' are wildcards (not allowed in a topic name); section 1.5.3: no U+0000 in a UTF-8 string.</summary>
        public const string TopicLevelRule = "a non-empty MQTT topic level, without '/', '+', '#' or NUL (MQTT 3.1.1 section 4.7)";

        /// <summary>TCP ports are 16-bit (RFC 9293 section 3.1); 0 lets the OS pick a free one.</summary>
        public const int MaxPort = 65535;

        /// <summary>A topic level of the node's topics (node id, prefix).</summary>
        public static Option<string> TopicLevel(string name, string description, string defaultValue)
        {
            var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
            option.Validators.Add(result =>
            {
                string? text = result.GetValueOrDefault<string>();
                if (text is null || !IsTopicLevel(text))
                {
                    result.AddError($"{name} '{Printable(text)}' is not allowed; expected {TopicLevelRule}");
                }
            });
            return option;
        }

        public static bool IsTopicLevel(string text) => text.Length > 0 && text.IndexOfAny(['/', '+', '#', '\0']) < 0;

        /// <summary>A whole number in [min, max].</summary>
        public static Option<int> WholeNumber(string name, string description, int defaultValue, int min, int max, string meaning)
        {
            return new Option<int>(name)
            {
                Description = description,
                DefaultValueFactory = _ => defaultValue,
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
                    {
                        return value;
                    }

                    result.AddError($"{name} '{Printable(text)}' is not {meaning}; expected a whole number from {min} to {max}");
                    return defaultValue;
                },
            };
        }

        public static Option<int> Port(string name, string description, int defaultValue) =>
            WholeNumber(name, description, defaultValue, 0, MaxPort, "a TCP port");

        public static Option<ulong> Seed(string name, string description, ulong defaultValue) =>
            Parsed(name, description, defaultValue,
                (string text, out ulong value) => ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value),
                $"is not a seed; expected a whole number from 0 to {ulong.MaxValue}");

        /// <summary>A finite number greater than 0.</summary>
        public static Option<double> PositiveNumber(string name, string description, double defaultValue) =>
            Parsed(name, description, defaultValue,
                (string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && double.IsFinite(value),
                "is not allowed; expected a positive number such as 1, 60 or 0.5");

        /// <summary>A report window, in seconds: a duration that divides a day, so windows align on midnight.</summary>
        public static Option<int> Window(string name, string description, int defaultSeconds) =>
            Parsed(name, description, defaultSeconds,
                (string text, out int seconds) => DurationText.TryParseSeconds(text, out seconds) && 86400 % seconds == 0,
                "is not a window length that divides a day; expected e.g. 60, 60s, 5m, 15m, 1h");

        private delegate bool TextParser<T>(string text, out T value);

        /// <summary>An option whose one value <paramref name="parse"/> reads; anything else is the usage error
        /// "NAME 'TEXT' <paramref name="refusal"/>".</summary>
        private static Option<T> Parsed<T>(string name, string description, T defaultValue, TextParser<T> parse, string refusal)
        {
            return new Option<T>(name)
            {
                Description = description,
                DefaultValueFactory = _ => defaultValue,
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    if (parse(text, out T value))
                    {
                        return value;
                    }

                    result.AddError($"{name} '{Printable(text)}' {refusal}");
                    return defaultValue;
                },
            };
        }

        /// <summary>A positive duration ("90s", "15m", "2h"); null when the option is not given.</summary>
        public static Option<TimeSpan?> Duration(string name, string description)
        {
            return new Option<TimeSpan?>(name)
            {
                Description = description,
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    if (DurationText.TryParseSeconds(text, out int seconds))
                    {
                        return TimeSpan.FromSeconds(seconds);
                    }

                    result.AddError($"{name} '{Printable(text)}' is not a duration; expected a positive number of seconds or e.g. 90s, 15m, 2h, 1d");
                    return null;
                },
            };
        }

        /// <summary>A broker as mqtt://host[:port] or mqtts://host[:port] (TLS); null when the option is not given.</summary>
        public static Option<BrokerAddress?> Broker(string name, string description, bool required = false)
        {
            return new Option<BrokerAddress?>(name)
            {
                Description = description,
                Required = required,
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    if (BrokerAddress.TryParse(text, out BrokerAddress? address, out string error))
                    {
                        return address;
                    }

                    result.AddError($"{name} {Printable(error)}");
                    return null;
                },
            };
        }

        /// <summary>A node's store: a directory, or "none"; null when the option is not given (the caller picks the default).</summary>
        public static Option<StoreLocation?> Store(string name, string description)
        {
            return new Option<StoreLocation?>(name)
            {
                Description = description,
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    if (StoreLocation.TryParse(text, out StoreLocation? location, out string error))
                    {
                        return location;
                    }

                    result.AddError($"{name} {Printable(error)}");
                    return null;
                },
            };
        }

        /// <summary>One of a few named values (the name in any case); without the option, the value named
        /// <paramref name="defaultName"/>. The value comes with its name, which the help shows as the default.</summary>
        public static Option<Choice<T>> OneOf<T>(string name, string description, string defaultName, string what, (string Name, T Value)[] choices)
        {
            Choice<T>[] named = Array.ConvertAll(choices, c => new Choice<T>(c.Name, c.Value));
            Choice<T> defaultValue = Array.Find(named, c => c.Name == defaultName)
                ?? throw new ArgumentException($"'{defaultName}' is not one of the choices", nameof(defaultName));
            return new Option<Choice<T>>(name)
            {
                Description = description,
                DefaultValueFactory = _ => defaultValue,
                CustomParser = result =>
                {
                    string text = result.Tokens[0].Value;
                    foreach (Choice<T> candidate in named)
                    {
                        if (string.Equals(candidate.Name, text, StringComparison.OrdinalIgnoreCase))
                        {
                            return candidate;
                        }
                    }

                    result.AddError($"{name} '{Printable(text)}' is not {what}; expected {List(Array.ConvertAll(named, c => c.Name))}");
                    return defaultValue;
                },
            };
        }

        /// <summary>An option that takes no value (true or false at most, as System.CommandLine allows).</summary>
        public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

        /// <summary>A capture to read: an existing file, or - for standard input.</summary>
        public static Argument<string> CaptureFile()
        {
            var file = new Argument<string>("FILE") { Description = "Raw capture as read from the serial port, or - for standard input" };
            file.Validators.Add(result =>
            {
                string? path = result.GetValueOrDefault<string>();
                if (path is not null && path != "-" && !File.Exists(path))
                {
                    result.AddError(Directory.Exists(path)
                        ? $"FILE '{Printable(path)}' is a directory; expected a capture file, or - for standard input"
                        : $"FILE '{Printable(path)}' does not exist; expected a capture file, or - for standard input");
                }
            });
            return file;
        }

        /// <summary>For a command's validator: the option's value if it parsed, so a rule across options is checked
        /// only on values that are themselves allowed (System.CommandLine throws when a value with a parse error is read).</summary>
        public static bool TryGetValue<T>(CommandResult command, Option<T> option, out T? value)
        {
            try
            {
                value = command.GetValue(option);
                return true;
            }
            catch (InvalidOperationException)
            {
                value = default;
                return false;
            }
        }

        /// <summary>True if the option was given on the command line (not left to its default).</summary>
        public static bool IsGiven(CommandResult command, Option option) =>
            command.GetResult(option) is OptionResult { IdentifierToken: not null };

        /// <summary>"a, b or c".</summary>
        public static string List(string[] names) =>
            names.Length == 1 ? names[0] : string.Join(", ", names, 0, names.Length - 1) + " or " + names[^1];

        /// <summary>The value as it can be shown on one line: control characters (a NUL, a newline) escaped.</summary>
        public static string Printable(string? text)
        {
            if (text is null)
            {
                return string.Empty;
            }

            var shown = new System.Text.StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (char.IsControl(c))
                {
                    shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                }
                else
                {
                    shown.Append(c);
                }
            }

            return shown.ToString();
        }
    }
}
