#nullable disable
using System;

namespace Edge.Core.Time
{
    /// <summary>Where windows of one kind start and end: fixed lengths aligned on UTC, or local days.</summary>
    public interface IWindowCalendar
    {
        /// <summary>ISO 8601 duration naming the window in reports: "PT1M", "PT15M", "PT1H", "P1D".</summary>
        string Name { get; }

        /// <summary>Nominal length in seconds (a local day is nominally 86400 s; really 82800 to 90000).</summary>
        int NominalSeconds { get; }

        /// <summary>Start of the window containing the instant.</summary>
        DateTime WindowStart(DateTime utc);

        /// <summary>End (exclusive) of the window starting at <paramref name="windowStart"/>.</summary>
        DateTime WindowEnd(DateTime windowStart);
    }
}
