#nullable disable
using System;

namespace Edge.Core.Outbox
{
    // The segment image, and walking a segment's records.
    public sealed partial class DurableOutbox
    {
        /// <summary>The bytes of segment <paramref name="s"/>: its RAM buffer, or, with a store, the one segment
        /// image, loaded from the store and checked if it holds another segment (the open segment's image is written
        /// first if it changed since the last flush: only when the policy makes room in a full outbox, or when a
        /// record is read between an append and the flush). Null when the store fails or a closed segment's file lost
        /// its header (counted; the segment then holds nothing).</summary>
        private byte[] SegmentBuffer(int s)
        {
            if (_store == null)
            {
                return _ram[_slot[s]];
            }

            if (_imageNumber == _number[s])
            {
                return _image;
            }

            int last = _table.Count - 1;
            if (_openDirty)
            {
                if (!WriteSegment(last, _image))
                {
                    return null;
                }

                _openDirty = false;
            }

            _imageNumber = -1;
            if (s == last && _slot[s] == SegmentTable.NoSlot)
            {
                // An open segment never written holds its header alone.
                OutboxFormat.WriteSegmentHeader(_image, _number[s]);
                _imageNumber = _number[s];
                return _image;
            }

            int read;
            try
            {
                read = _store.Read(_segmentSlots.NameOf(_slot[s]), _image, 0);
            }
            catch (Exception)
            {
                _storeErrors++;
                return null;
            }

            // The file was checked at load or written by this run; anything else (a truncation, corrupt bytes since)
            // shortens the segment to what is still valid.
            int valid = ValidLength(_image, read, _number[s], _bytes[s]);
            if (valid < _bytes[s])
            {
                if (valid == 0)
                {
                    CorruptSegments++;
                }
                else
                {
                    TornTails++;
                }

                Recount(s, valid);
                if (valid == 0)
                {
                    if (s != last)
                    {
                        return null;
                    }

                    // The open segment goes on empty; its file is rewritten at the next flush.
                    OutboxFormat.WriteSegmentHeader(_image, _number[s]);
                    _openDirty = true;
                }
            }

            _imageNumber = _number[s];
            return _image;
        }

        /// <summary>End of the valid records of a segment image of <paramref name="read"/> bytes, up to
        /// <paramref name="limit"/>; 0 when its header is not that of segment <paramref name="number"/>.</summary>
        private static int ValidLength(byte[] buffer, int read, uint number, int limit)
        {
            if (read < SegmentHeaderBytes || !OutboxFormat.IsSegmentHeader(buffer, read) || OutboxFormat.SegmentNumber(buffer) != number)
            {
                return 0;
            }

            if (read < limit)
            {
                limit = read;
            }

            int at = SegmentHeaderBytes;
            while (at < limit)
            {
                int size = OutboxFormat.CheckRecord(buffer, at, limit);
                if (size == 0)
                {
                    break;
                }

                at += size;
            }

            return at;
        }

        /// <summary>Segment <paramref name="s"/> lost everything after byte <paramref name="valid"/> (0: all of it) during
        /// the run: its counts are taken again from what is left.</summary>
        private void Recount(int s, int valid)
        {
            int oldHeld = _held[s];
            int oldUnacked = _table.UnackedOf(s);
            int oldUnackedBytes = _unackedBytes[s];
            int oldBytes = _bytes[s];
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _unacked[(s * SegmentTable.ClassCount) + c] = 0;
            }

            int held = 0;
            int unackedBytes = 0;
            byte level = 2;
            int ordinal = 0;
            int at = SegmentHeaderBytes;
            if (valid >= SegmentHeaderBytes)
            {
                while (at < valid)
                {
                    int size = RecordHeaderBytes + OutboxFormat.ReadU16(_image, at + OutboxFormat.RecLength);
                    int cls = _image[at + OutboxFormat.RecClass];
                    if (cls == OutboxFormat.GapClass)
                    {
                        ordinal += (int)OutboxFormat.ReadU32(_image, at + OutboxFormat.RecSequence);
                    }
                    else
                    {
                        long index = _first[s] + ordinal;
                        held++;
                        if (index >= _firstUnack && !_ahead.Contains(index))
                        {
                            _unacked[(s * SegmentTable.ClassCount) + cls]++;
                            unackedBytes += size;
                        }

                        if (OutboxEviction.LevelOf(cls) < level)
                        {
                            level = OutboxEviction.LevelOf(cls);
                        }

                        ordinal++;
                    }

                    at += size;
                }
            }

            _held[s] = (ushort)held;
            _unackedBytes[s] = (ushort)unackedBytes;
            _bytes[s] = (ushort)at;
            _level[s] = level;
            _depth -= oldUnacked - _table.UnackedOf(s);
            _depthBytes -= oldUnackedBytes - unackedBytes;
            _usedBytes -= oldBytes - at;
            _cursors.Invalidate(_number[s]);
            _oldestIndex = -1;
            if (oldHeld != held)
            {
                _recounted = true;
            }
        }

        /// <summary>After a segment lost records during an operation, moves <see cref="FirstUnacknowledged"/> past
        /// what is gone.</summary>
        private void AfterRecount()
        {
            if (_recounted)
            {
                _recounted = false;
                Advance();
            }
        }

        /// <summary>
        /// Offset in <paramref name="buffer"/> of the record of ordinal <paramref name="ordinal"/> of segment
        /// <paramref name="s"/>, or -1 when that ordinal holds none (a gap, or past the records), with
        /// <paramref name="next"/> the first ordinal after the gap (see <see cref="RecordCursors"/>).
        /// </summary>
        private int Seek(int s, int ordinal, byte[] buffer, out int next)
        {
            return _cursors.Seek(buffer, _number[s], _bytes[s], _slots[s], ordinal, out next);
        }

        /// <summary>Moves <see cref="FirstUnacknowledged"/> forward over records acknowledged ahead, dropped, or never
        /// held, up to the next unacknowledged record or the end.</summary>
        private void Advance()
        {
            long end = End;
            while (_firstUnack < end)
            {
                if (_ahead.Remove(_firstUnack))
                {
                    _firstUnack++;
                    continue;
                }

                int s = 0;
                while (s < _table.Count && _first[s] + _slots[s] <= _firstUnack)
                {
                    s++;
                }

                if (s == _table.Count)
                {
                    _firstUnack = end;
                    break;
                }

                if (_firstUnack < _first[s])
                {
                    _firstUnack = _first[s];
                    continue;
                }

                if (_held[s] == 0)
                {
                    _firstUnack = _first[s] + _slots[s];
                    continue;
                }

                // Every ordinal of a segment without gaps holds a record, and this one is not acknowledged.
                if (_held[s] == _slots[s])
                {
                    break;
                }

                byte[] buffer = SegmentBuffer(s);
                if (buffer == null)
                {
                    if (_held[s] == 0)
                    {
                        continue;
                    }

                    break;
                }

                int next;
                if (Seek(s, (int)(_firstUnack - _first[s]), buffer, out next) >= 0)
                {
                    break;
                }

                _firstUnack = _first[s] + next;
            }

            // Acknowledgements ahead of records since dropped are no longer needed.
            _ahead.RemoveBelow(_firstUnack);

            _recounted = false;
        }

        /// <summary>Closes the open segment (writing it if needed) and opens the next one; false when the table
        /// cannot make room or the store refuses the write: the open segment then stays open, in RAM.</summary>
        private bool OpenNextSegment()
        {
            while (_table.Count >= _maxSegments)
            {
                if (!PolicyStep())
                {
                    return false;
                }
            }

            int last = _table.Count - 1;
            if (_store != null)
            {
                if (_openDirty)
                {
                    if (!WriteSegment(last, _image))
                    {
                        return false;
                    }

                    _openDirty = false;
                }

            }

            OpenSegment();
            return true;
        }

        /// <summary>Adds an empty open segment at the end of the table (which has room).</summary>
        private void OpenSegment()
        {
            long end = _table.Count == 0 ? 0 : End;
            int s = _table.Count;
            _table.Insert(s);
            _number[s] = _nextNumber++;
            _first[s] = end;
            byte[] buffer;
            if (_store == null)
            {
                _slot[s] = (byte)_segmentSlots.TakeFree();
                buffer = _ram[_slot[s]];
            }
            else
            {
                // A file slot is taken at the first write; the image of the segment closed (written) is given up.
                buffer = _image;
                _imageNumber = _number[s];
            }

            OutboxFormat.WriteSegmentHeader(buffer, _number[s]);
            _openDirty = false;
        }
    }
}
