#nullable enable
using System;
using Edge.Core.Meters;
using Edge.Core.Model;

namespace Edge.Fuzz.Targets
{
    /// <summary>The one meter a node needs to start, reading nothing: the command target exercises the commands,
    /// not the meters.</summary>
    public sealed class QuietMeter : IMeterDriver
    {
        public string MeterId => "main";

        public string? PublishedMeterId => null;

        public void Poll(DateTime utcNow, long monotonicMs, IReadingSink sink)
        {
        }
    }
}
