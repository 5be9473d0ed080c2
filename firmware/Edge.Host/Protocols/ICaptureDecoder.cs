using System.IO;

namespace Edge.Host.Protocols
{
    /// <summary>Decodes a raw capture with the node's own decoder into one JSON line per complete valid frame.</summary>
    public interface ICaptureDecoder
    {
        /// <summary>Complete valid frames written so far.</summary>
        long FramesWritten { get; }

        /// <summary>Decodes the bytes, writing a JSON line per complete valid frame.</summary>
        void Decode(byte[] capture, TextWriter output);

        /// <summary>One line for stderr: what was seen and what was rejected, by cause.</summary>
        string Summary();

        /// <summary>Why a capture gave no frame, when the bytes tell (a sentence for stderr), or null.</summary>
        string? WhyNoFrame(byte[] capture);
    }
}
