using System;
using System.CommandLine;
using Edge.Core.Aggregation;
using Edge.Core.Time;

namespace Edge.Host.Cli
{
    /// <summary>Aggregation profiles by name on the command line: single (one window of --window), linky-household, substation.</summary>
    public static class ProfileText
    {
        public static readonly string[] All = AggregationProfiles.Names;

        public static string Names => CliOptions.List(All);

        /// <summary>--profile: one of the names, checked as the command line is parsed.</summary>
        public static Option<Choice<string>> Option(string description) =>
            CliOptions.OneOf("--profile", description, "single", "a profile", Array.ConvertAll(All, name => (name, name)));

        /// <summary>The profile of a name the option accepted.</summary>
        public static AggregationProfile Create(string name, int windowSeconds) => name == AggregationProfiles.Single
            ? AggregationProfile.Single(windowSeconds)
            : AggregationProfiles.Create(name, TimeZoneRule.CentralEurope) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "not a profile; expected " + Names);
    }
}
