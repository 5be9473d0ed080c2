#nullable disable
using System;

namespace Edge.Core.Outbox
{
    // Loading from the store, writing segments, and the acknowledgement mark.
    public sealed partial class DurableOutbox
    {
        /// <summary>
        /// Reads every slot file into the table, ordered by segment number; each segment keeps its records up to the
        /// first bad one. Records before the stored mark are acknowledged history, the others are offered again. The
        /// newest segment is reopened when it has room, so restarts do not leave half-empty segments behind.
        /// </summary>
        private void Load()
        {
            _table.Count = 0;
            _imageNumber = -1;
            bool found = false;
            uint highest = 0;
            if (_store != null)
            {
                for (int slot = 0; slot < _segmentSlots.Count; slot++)
                {
                    LoadSlot(slot, ref found, ref highest);
                }
            }

            long first = 0;
            for (int s = 0; s < _table.Count; s++)
            {
                _first[s] = first;
                first += _slots[s];
                _depth += _table.UnackedOf(s);
                _depthBytes += _unackedBytes[s];
                _usedBytes += _bytes[s];
            }

            _nextNumber = found ? highest + 1 : 0;
            if (MarkStored && _ackMark.Segment >= _nextNumber)
            {
                _nextNumber = _ackMark.Segment + 1;
            }

            // An unreadable file may hold a segment newer than every one read: number the new ones well above.
            if (_unreadable)
            {
                _nextNumber += UnreadableNumberMargin;
            }

            if (!Reopen())
            {
                OpenSegment();
            }

            long firstUnack = 0;
            if (MarkStored)
            {
                firstUnack = End;
                for (int s = 0; s < _table.Count; s++)
                {
                    if (_number[s] == _ackMark.Segment)
                    {
                        firstUnack = _first[s] + (_ackMark.Ordinal < _slots[s] ? (long)_ackMark.Ordinal : _slots[s]);
                        break;
                    }

                    if (_number[s] > _ackMark.Segment)
                    {
                        firstUnack = _first[s];
                        break;
                    }
                }
            }

            _firstUnack = firstUnack;
            Advance();

            // A capacity made smaller since the records were stored.
            while (_usedBytes > _capacity && PolicyStep())
            {
            }
        }

        private void LoadSlot(int slot, ref bool found, ref uint highest)
        {
            int read;
            try
            {
                read = _store.Read(_segmentSlots.NameOf(slot), _image, 0);
            }
            catch (Exception)
            {
                // Unreadable now, perhaps not for ever: keep the slot so that no new segment overwrites it.
                _storeErrors++;
                _segmentSlots.Take(slot);
                _unreadable = true;
                return;
            }

            if (read < 0)
            {
                return;
            }

            if (!OutboxFormat.IsSegmentHeader(_image, read))
            {
                CorruptSegments++;
                DeleteSlotFile(slot);
                return;
            }

            uint number = OutboxFormat.SegmentNumber(_image);
            if (!found || number > highest)
            {
                highest = number;
            }

            found = true;
            int position = 0;
            while (position < _table.Count && _number[position] < number)
            {
                position++;
            }

            if (position < _table.Count && _number[position] == number)
            {
                // Two files cannot hold one segment; keep both on the store, read the first.
                CorruptSegments++;
                _segmentSlots.Take(slot);
                return;
            }

            // Parse every record. A bad one followed further on by a valid one is corruption: its bytes become one gap
            // record and the intact records after it are kept. A bad one with nothing valid after it is a torn tail
            // (a power cut while appending, which can only hit the end of what was written): it is dropped.
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _stripDropped[c] = 0;
            }

            int held = 0;
            int unackedBytes = 0;
            int ordinal = 0;
            byte level = 2;
            int at = SegmentHeaderBytes;
            bool rewrite = false;
            while (at < read)
            {
                int size = OutboxFormat.CheckRecord(_image, at, read);
                if (size == 0)
                {
                    int repaired = OutboxRecovery.ReplaceDamage(_image, at, read);
                    if (repaired < 0)
                    {
                        TornTails++;
                        break;
                    }

                    CorruptSegments++;
                    rewrite = true;
                    read = repaired;
                    size = OutboxFormat.RecordHeaderBytes;
                }

                int cls = _image[at + OutboxFormat.RecClass];
                if (cls == OutboxFormat.GapClass)
                {
                    ordinal += (int)OutboxFormat.ReadU32(_image, at + OutboxFormat.RecSequence);
                }
                else
                {
                    held++;
                    bool acknowledged = MarkStored && (number < _ackMark.Segment || (number == _ackMark.Segment && ordinal < _ackMark.Ordinal));
                    if (!acknowledged)
                    {
                        _stripDropped[cls]++;
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

            if (held == 0)
            {
                DeleteSlotFile(slot);
                return;
            }

            if (at < read || rewrite)
            {
                // Rewrite the file without its torn tail or damaged bytes, so that the next load neither counts nor
                // reads them again and the next append follows a readable record.
                try
                {
                    _store.Write(_segmentSlots.NameOf(slot), _image, 0, at);
                }
                catch (Exception)
                {
                    _storeErrors++;
                }
            }

            // Beyond the table's bound (a store written with a larger capacity), the oldest segments go.
            if (_table.Count == _maxSegments)
            {
                if (position == 0)
                {
                    DropLoaded(-1, slot);
                    return;
                }

                DropLoaded(0, _slot[0]);
                position--;
            }

            _table.Insert(position);
            _number[position] = number;
            _slots[position] = ordinal;
            _bytes[position] = (ushort)at;
            _held[position] = (ushort)held;
            _unackedBytes[position] = (ushort)unackedBytes;
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _unacked[(position * SegmentTable.ClassCount) + c] = (ushort)_stripDropped[c];
            }

            _level[position] = level;
            _slot[position] = (byte)slot;
            _segmentSlots.Take(slot);
        }

        /// <summary>Drops a segment found at load beyond the table's size: entry <paramref name="s"/>, or the one just
        /// parsed when -1.</summary>
        private void DropLoaded(int s, int slot)
        {
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _dropped[c] += s < 0 ? _stripDropped[c] : _unacked[(s * SegmentTable.ClassCount) + c];
            }

            if (s >= 0)
            {
                _table.Remove(s);
            }

            DeleteSlotFile(slot);
        }

        private void DeleteSlotFile(int slot)
        {
            try
            {
                _store.Delete(_segmentSlots.NameOf(slot));
                _segmentSlots.Free(slot);
            }
            catch (Exception)
            {
                _storeErrors++;
                _segmentSlots.Take(slot);
            }
        }

        /// <summary>Makes the newest loaded segment the open one when it has room; false when there is none to reopen.</summary>
        private bool Reopen()
        {
            int s = _table.Count - 1;
            if (s < 0 || _bytes[s] + RecordHeaderBytes >= _segmentBytes)
            {
                return false;
            }

            int read;
            try
            {
                read = _store.Read(_segmentSlots.NameOf(_slot[s]), _image, 0);
            }
            catch (Exception)
            {
                _storeErrors++;
                return false;
            }

            if (ValidLength(_image, read, _number[s], _bytes[s]) != _bytes[s])
            {
                return false;
            }

            // A torn tail is rewritten away at the next flush.
            _openDirty = read != _bytes[s];
            _imageNumber = _number[s];
            return true;
        }

        /// <summary>Writes segment <paramref name="s"/> from <paramref name="buffer"/>, taking a file slot at its first
        /// write; false (counted) when the store fails.</summary>
        private bool WriteSegment(int s, byte[] buffer)
        {
            if (_slot[s] == SegmentTable.NoSlot)
            {
                int slot = _segmentSlots.TakeFree();
                if (slot < 0)
                {
                    _storeErrors++;
                    return false;
                }

                _slot[s] = (byte)slot;
            }

            try
            {
                _store.Write(_segmentSlots.NameOf(_slot[s]), buffer, 0, _bytes[s]);
                return true;
            }
            catch (Exception)
            {
                _storeErrors++;
                return false;
            }
        }

        /// <summary>
        /// Writes the acknowledgement mark if it moved, alternating between two files so that a torn write leaves the
        /// previous mark; then deletes the segments merged away, which the stored mark no longer names. Does nothing
        /// in a run that found a segment file unreadable at load.
        /// </summary>
        private void SyncMark()
        {
            // Records of a file that could not be read are not acknowledged, whatever their number: the mark stays
            // where it was for this run (acknowledgements since are offered again after a restart).
            if (_unreadable)
            {
                return;
            }

            uint segment;
            uint ordinal;
            AckPosition(out segment, out ordinal);
            uint slots = (uint)_segmentSlots.Count;
            if (!_ackMark.Says(segment, ordinal, slots) && !_ackMark.Write(segment, ordinal, slots))
            {
                return;
            }

            for (int i = _pendingDeleteCount - 1; i >= 0; i--)
            {
                int slot = _pendingDeletes[i];
                try
                {
                    _store.Delete(_segmentSlots.NameOf(slot));
                }
                catch (Exception)
                {
                    _storeErrors++;
                    continue;
                }

                _segmentSlots.Free(slot);
                _pendingDeletes[i] = _pendingDeletes[--_pendingDeleteCount];
            }
        }

        /// <summary>Where <see cref="FirstUnacknowledged"/> is, as segment number and ordinal within it: every record
        /// before it is acknowledged (or gone).</summary>
        private void AckPosition(out uint segment, out uint ordinal)
        {
            long index = _firstUnack;
            for (int s = 0; s < _table.Count; s++)
            {
                if (index <= _first[s] + _slots[s])
                {
                    segment = _number[s];
                    ordinal = index <= _first[s] ? 0 : (uint)(index - _first[s]);
                    return;
                }
            }

            segment = _number[_table.Count - 1];
            ordinal = (uint)_slots[_table.Count - 1];
        }
    }
}
