#nullable disable
using System;
using System.Collections;
using Edge.Core.Platform;

namespace Edge.DeviceTests.Support
{
    /// <summary>
    /// An <see cref="IStore"/> in RAM that compiles for the device: the outbox and configuration tests run on it
    /// without touching the board's flash. Files can be cut short or altered, as a power cut or a worn sector
    /// leaves them, and copied, as a reboot finds them.
    /// </summary>
    public sealed class DeviceStore : IStore
    {
        // Parallel lists (mscorlib 1.x has no dictionary): a handful of files per test.
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _contents = new ArrayList();

        /// <summary>How many writes the store has taken.</summary>
        public int Writes { get; private set; }

        /// <summary>True if a file of that name is stored.</summary>
        public bool Exists(string name)
        {
            return IndexOf(name) >= 0;
        }

        /// <summary>Length of the file, or -1 if absent.</summary>
        public int Length(string name)
        {
            int i = IndexOf(name);
            return i < 0 ? -1 : ((byte[])_contents[i]).Length;
        }

        /// <summary>Copies the file into the buffer from <paramref name="offset"/>; returns the bytes copied, -1 if absent.</summary>
        public int Read(string name, byte[] buffer, int offset)
        {
            int i = IndexOf(name);
            if (i < 0)
            {
                return -1;
            }

            byte[] data = (byte[])_contents[i];
            int count = data.Length < buffer.Length - offset ? data.Length : buffer.Length - offset;
            Array.Copy(data, 0, buffer, offset, count);
            return count;
        }

        /// <summary>Replaces the file with a copy of the bytes.</summary>
        public void Write(string name, byte[] data, int offset, int count)
        {
            Writes++;
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            Put(name, copy);
        }

        /// <summary>Removes the file, if any.</summary>
        public void Delete(string name)
        {
            int i = IndexOf(name);
            if (i >= 0)
            {
                _names.RemoveAt(i);
                _contents.RemoveAt(i);
            }
        }

        /// <summary>The stored bytes of a file (the store's own array), or null.</summary>
        public byte[] Content(string name)
        {
            int i = IndexOf(name);
            return i < 0 ? null : (byte[])_contents[i];
        }

        /// <summary>Keeps only the first <paramref name="length"/> bytes of a file: a write torn by a power cut.</summary>
        public void Cut(string name, int length)
        {
            byte[] data = Content(name);
            byte[] kept = new byte[length];
            Array.Copy(data, 0, kept, 0, length);
            Put(name, kept);
        }

        /// <summary>Another store holding copies of every file, as a reboot finds them.</summary>
        public DeviceStore Copy()
        {
            DeviceStore copy = new DeviceStore();
            for (int i = 0; i < _names.Count; i++)
            {
                byte[] data = (byte[])_contents[i];
                copy.Put((string)_names[i], (byte[])data.Clone());
            }

            return copy;
        }

        private void Put(string name, byte[] data)
        {
            int i = IndexOf(name);
            if (i < 0)
            {
                _names.Add(name);
                _contents.Add(data);
            }
            else
            {
                _contents[i] = data;
            }
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
