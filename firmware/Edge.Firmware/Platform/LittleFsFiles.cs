using System.IO;
using Edge.Core.Platform;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="IFlatFiles"/> on nanoFramework's System.IO.File and FileStream, for the internal LittleFS drive
    /// I:\ (the portable ReplacingStore builds IStore's atomic replace on top). nanoFramework's FileStream writes
    /// through on every Write (its Flush does nothing), and File.Move refuses an existing destination, which
    /// ReplacingStore never asks for.
    /// </summary>
    public sealed class LittleFsFiles : IFlatFiles
    {
        /// <summary>True if the file exists (File.Exists).</summary>
        public bool Exists(string path)
        {
            return File.Exists(path);
        }

        /// <summary>Length of an existing file (FileStream.Length).</summary>
        public int Length(string path)
        {
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)stream.Length;
            }
        }

        /// <summary>Reads an existing file into the buffer from <paramref name="offset"/>, at most to its end.</summary>
        public int Read(string path, byte[] buffer, int offset)
        {
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                // nanoFramework's FileStream.Read copies the whole count asked for into the buffer: never ask for
                // more than the file holds.
                int length = (int)stream.Length;
                int room = buffer.Length - offset;
                int wanted = length < room ? length : room;
                int total = 0;
                while (total < wanted)
                {
                    int read = stream.Read(buffer, offset + total, wanted - total);
                    if (read <= 0)
                    {
                        break;
                    }

                    total += read;
                }

                return total;
            }
        }

        /// <summary>Creates or truncates the file and writes the bytes (FileMode.Create), then closes it.</summary>
        public void Write(string path, byte[] data, int offset, int count)
        {
            using (FileStream stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }
        }

        /// <summary>Deletes the file (File.Delete, a no-op for an absent file).</summary>
        public void Delete(string path)
        {
            File.Delete(path);
        }

        /// <summary>Renames the file (File.Move; the destination must not exist).</summary>
        public void Move(string from, string to)
        {
            File.Move(from, to);
        }
    }
}
