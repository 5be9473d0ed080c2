using System;
using Edge.Core.Node;
using Edge.Core.Platform;

namespace Edge.Host.Protocols
{
    /// <summary>A raw capture replayed through the whole node pipeline (driver, aggregation, encoding, outbox, link).</summary>
    public interface ICaptureReplay
    {
        /// <summary>Frames of the capture the last <see cref="Run"/> fed to the node.</summary>
        int FramesReplayed { get; }

        /// <summary>When the capture's first frame came, for a file written as the capture ended at <paramref name="writtenUtc"/>.</summary>
        DateTime StartOf(DateTime writtenUtc);

        /// <summary>Runs the node over the capture, its clock from the capture (from <paramref name="clocklessStart"/> on
        /// where the frames carry no clock); returns the node for its counters.</summary>
        EdgeNode Run(NodeConfig config, IMqttLink link, DateTime clocklessStart);

        /// <summary>What the driver counted, for stderr: "tic: 38 valid groups, 0 rejected (...)".</summary>
        string DriverSummary();
    }
}
