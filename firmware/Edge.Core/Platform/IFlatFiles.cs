#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// The few file operations <see cref="ReplacingStore"/> needs from a platform's file system (nanoFramework:
    /// System.IO.File and FileStream on the internal LittleFS drive I:\). Paths are full paths. None of them replaces
    /// a file: nanoFramework's File.Move refuses an existing destination, so the atomic replace is built from these.
    /// </summary>
    public interface IFlatFiles
    {
        /// <summary>True if the file exists.</summary>
        bool Exists(string path);

        /// <summary>Length in bytes of an existing file.</summary>
        int Length(string path);

        /// <summary>Reads an existing file into the buffer from <paramref name="offset"/>, at most to the buffer's end;
        /// returns the number of bytes read.</summary>
        int Read(string path, byte[] buffer, int offset);

        /// <summary>Creates (or truncates) the file, writes the bytes, flushes them to the medium and closes it.</summary>
        void Write(string path, byte[] data, int offset, int count);

        /// <summary>Deletes the file; an absent file is not an error.</summary>
        void Delete(string path);

        /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, which must not exist; atomic on the medium
        /// (LittleFS renames are power-loss safe).</summary>
        void Move(string from, string to);
    }
}
