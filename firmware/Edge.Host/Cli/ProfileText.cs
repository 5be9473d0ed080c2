using Edge.Core.Aggregation;
using Edge.Core.Time;

namespace Edge.Host.Cli
{
    /// <summary>Aggregation profiles by name on the command line: single (one window of --window), linky-household, substation.</summary>
    public static class ProfileText
    {
        public const string Names = "single, linky-household or substation";

        public static bool TryParse(string? name, int windowSeconds, out AggregationProfile? profile)
        {
            profile = name?.ToLowerInvariant() switch
            {
                "single" => AggregationProfile.Single(windowSeconds),
                "linky-household" => AggregationProfile.LinkyHousehold(TimeZoneRule.CentralEurope),
                "substation" => AggregationProfile.ThreePhaseSubstation(TimeZoneRule.CentralEurope),
                _ => null,
            };
            return profile is not null;
        }
    }
}
