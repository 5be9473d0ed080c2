#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// Small durable files: configuration, counters, outbox segments. Writes replace a file atomically
    /// (write a temporary file, then rename), so a power cut leaves either the old or the new content.
    /// </summary>
    public interface IStore
    {
        /// <summary>True if a file of that name is stored. Names are plain file names, without a path.</summary>
        bool Exists(string name);

        /// <summary>Length of the stored file in bytes, or -1 if absent.</summary>
        int Length(string name);

        /// <summary>Reads the file into the buffer; returns the number of bytes read, or -1 if absent.</summary>
        int Read(string name, byte[] buffer, int offset);

        /// <summary>Replaces the file with the given bytes, atomically.</summary>
        void Write(string name, byte[] data, int offset, int count);

        /// <summary>Removes the file; deleting an absent file is not an error.</summary>
        void Delete(string name);
    }
}
