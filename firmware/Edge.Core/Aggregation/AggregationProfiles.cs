#nullable disable
using Edge.Core.Time;

namespace Edge.Core.Aggregation
{
    /// <summary>The aggregation profiles by name, as a node configuration and the command line give them.</summary>
    public static class AggregationProfiles
    {
        /// <summary>One window of the configured length (WindowSeconds) over everything.</summary>
        public const string Single = "single";

        /// <summary><see cref="AggregationProfile.LinkyHousehold"/>.</summary>
        public const string LinkyHousehold = "linky-household";

        /// <summary><see cref="AggregationProfile.ThreePhaseSubstation"/>.</summary>
        public const string Substation = "substation";

        /// <summary>Every name, in the order they are listed to a user.</summary>
        public static readonly string[] Names = { Single, LinkyHousehold, Substation };

        /// <summary>The profile of <paramref name="name"/> (one of <see cref="Names"/>); null for
        /// <see cref="Single"/>, which is a node's <c>WindowSeconds</c> alone, and for an unknown name.</summary>
        public static AggregationProfile Create(string name, TimeZoneRule zone)
        {
            switch (name)
            {
                case LinkyHousehold: return AggregationProfile.LinkyHousehold(zone);
                case Substation: return AggregationProfile.ThreePhaseSubstation(zone);
                default: return null;
            }
        }
    }
}
