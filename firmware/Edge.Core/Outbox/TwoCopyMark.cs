#nullable disable
using System;
using Edge.Core.Platform;

namespace Edge.Core.Outbox
{
    /// <summary>
    /// A small record kept in two files of the store, each checked on its own (a CRC-32 or a magic number, as the
    /// subclass defines it), written alternately so that a power cut during a write leaves the other copy whole. At
    /// load the newer of the valid copies wins; <see cref="ValidCopies"/> tells whether the other was damaged, which
    /// an owner that reserves ahead (a sequence counter) needs to know. Used by <see cref="SequenceCounter"/> and by
    /// the outbox's acknowledgement mark, each with its own record layout.
    /// </summary>
    public abstract class TwoCopyMark
    {
        private readonly IStore _store;
        private readonly string _copyA;
        private readonly string _copyB;
        private readonly byte[] _record;
        private bool _nextIsA = true;

        /// <summary>A mark of <paramref name="recordBytes"/> bytes kept in <paramref name="copyA"/> and
        /// <paramref name="copyB"/> of <paramref name="store"/>.</summary>
        protected TwoCopyMark(IStore store, string copyA, string copyB, int recordBytes)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            _store = store;
            _copyA = copyA;
            _copyB = copyB;
            _record = new byte[recordBytes];
        }

        /// <summary>The record: the newest valid copy after <see cref="Load"/>, what <see cref="Write"/> stores.</summary>
        protected byte[] Record
        {
            get { return _record; }
        }

        /// <summary>Copies found valid by the last <see cref="Load"/>: 2 when both were whole, 1 when the other was
        /// damaged (torn, truncated, corrupt) or absent, 0 when none was readable.</summary>
        public int ValidCopies { get; private set; }

        /// <summary>True when the last <see cref="Load"/> found at least one of the two files, valid or not, or
        /// could not tell because the store failed.</summary>
        public bool AnyFile { get; private set; }

        /// <summary>Reads and writes the store failed (each counted once; the operation was given up).</summary>
        public int StoreErrors { get; private set; }

        /// <summary>True when <paramref name="length"/> bytes read into <paramref name="record"/> are a whole,
        /// valid copy.</summary>
        protected abstract bool IsValid(byte[] record, int length);

        /// <summary>True when valid copy <paramref name="candidate"/> is newer than valid copy <paramref name="than"/>.</summary>
        protected abstract bool IsNewer(byte[] candidate, byte[] than);

        /// <summary>Reads both copies and keeps the newer valid one in <see cref="Record"/>; the next
        /// <see cref="Write"/> then replaces the other. False when neither is valid.</summary>
        protected bool Load()
        {
            ValidCopies = 0;
            AnyFile = false;
            bool newestIsA = false;

            // Loaded once, at start: the second copy's buffer is not kept.
            byte[] other = new byte[_record.Length];
            for (int copy = 0; copy < 2; copy++)
            {
                byte[] into = ValidCopies == 0 ? _record : other;
                int read = ReadFile(copy == 0 ? _copyA : _copyB, into);
                if (read < 0)
                {
                    continue;
                }

                AnyFile = true;
                if (!IsValid(into, read))
                {
                    continue;
                }

                ValidCopies++;
                if (ValidCopies == 1)
                {
                    newestIsA = copy == 0;
                }
                else if (IsNewer(other, _record))
                {
                    Array.Copy(other, 0, _record, 0, _record.Length);
                    newestIsA = copy == 0;
                }
            }

            _nextIsA = ValidCopies == 0 || !newestIsA;
            return ValidCopies > 0;
        }

        /// <summary>Writes <see cref="Record"/> over the older copy, or over both with <paramref name="both"/> (a
        /// record that must be found whichever copy survives). False, counted, when the store fails: the next write
        /// goes to the same copy again.</summary>
        protected bool Write(bool both)
        {
            try
            {
                _store.Write(_nextIsA ? _copyA : _copyB, _record, 0, _record.Length);
                if (both)
                {
                    _store.Write(_nextIsA ? _copyB : _copyA, _record, 0, _record.Length);
                }
            }
            catch (Exception)
            {
                StoreErrors++;
                return false;
            }

            _nextIsA = !_nextIsA;
            return true;
        }

        /// <summary>Reads file <paramref name="name"/> into <paramref name="into"/>: the bytes read, -1 when it is
        /// absent, the buffer's length + 1 when it is longer (not a copy of this mark), 0 when the store failed
        /// (counted).</summary>
        protected int ReadFile(string name, byte[] into)
        {
            try
            {
                int length = _store.Length(name);
                if (length < 0)
                {
                    return -1;
                }

                if (length > into.Length)
                {
                    return into.Length + 1;
                }

                return _store.Read(name, into, 0);
            }
            catch (Exception)
            {
                StoreErrors++;
                return 0;
            }
        }
    }
}
