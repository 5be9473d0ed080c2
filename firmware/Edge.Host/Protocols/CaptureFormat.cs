using System;
using Edge.Core.Security;

namespace Edge.Host.Protocols
{
    /// <summary>
    /// How `edge decode` and `edge replay` read a protocol's raw captures (the bytes as read from the line): the
    /// modes --mode takes, a decoder to JSON lines and a replay through the node pipeline.
    /// </summary>
    public abstract class CaptureFormat
    {
        /// <summary>The names --mode takes, in lower case; the first is the default.</summary>
        public abstract string[] Modes { get; }

        /// <summary>What a mode is, for a refused --mode: "a TIC mode".</summary>
        public abstract string ModeMeaning { get; }

        /// <summary>The help of --mode.</summary>
        public abstract string ModeDescription { get; }

        public string DefaultMode => Modes[0];

        /// <summary>The mode as listed in <see cref="Modes"/> (any case given), or null when it is none of them.</summary>
        public string? ModeNamed(string text)
        {
            foreach (string mode in Modes)
            {
                if (string.Equals(mode, text, StringComparison.OrdinalIgnoreCase))
                {
                    return mode;
                }
            }

            return null;
        }

        /// <summary>A decoder in one of <see cref="Modes"/>, publishing meter identifiers as <paramref name="identity"/> allows.</summary>
        public abstract ICaptureDecoder CreateDecoder(string mode, MeterIdentity identity);

        /// <summary>A replay of <paramref name="capture"/> read in one of <see cref="Modes"/>.</summary>
        public abstract ICaptureReplay CreateReplay(byte[] capture, string mode);
    }
}
