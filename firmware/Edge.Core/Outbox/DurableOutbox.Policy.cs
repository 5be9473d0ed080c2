#nullable disable
using System;

namespace Edge.Core.Outbox
{
    // Making room: the full-outbox policy, and the segment rewrites it uses.
    public sealed partial class DurableOutbox
    {
        // Strip results.
        private const int StripFailed = -1;
        private const int StripUnchanged = 0;
        private const int StripRewritten = 1;
        private const int StripDeleted = 2;

        /// <summary>
        /// Frees room in the closed segments by one step of the policy: forget acknowledged history first (a segment
        /// holding nothing unacknowledged, then the acknowledged start of the oldest one); with KeepTotalsAndEvents,
        /// drop the telemetry of the oldest segment still holding some, else the interval reports of the oldest one
        /// still holding some, merging what is left into the segment before when it fits; finally drop the oldest
        /// segment. False when there is nothing to free or the store failed.
        /// </summary>
        private bool PolicyStep()
        {
            int last = _table.Count - 1;
            if (last == 0)
            {
                return false;
            }

            if (_table.UnackedOf(0) == 0)
            {
                return DeleteSegment(0);
            }

            if (_held[0] > _table.UnackedOf(0))
            {
                int result = Strip(0, 0, true);
                if (result == StripFailed)
                {
                    return false;
                }

                if (result != StripUnchanged)
                {
                    return true;
                }
            }

            if (_policy == OutboxPolicy.KeepTotalsAndEvents)
            {
                int s = OutboxEviction.NextToStrip(_level, last, out byte level, out int classMask);
                if (s >= 0)
                {
                    int result = Strip(s, classMask, false);
                    if (result == StripFailed)
                    {
                        return false;
                    }

                    if (result != StripDeleted)
                    {
                        _level[s] = level;
                        MergeIntoPrevious(s);
                    }

                    return true;
                }
            }

            return DeleteSegment(0);
        }

        /// <summary>
        /// Rewrites closed segment <paramref name="s"/> without its acknowledged records below
        /// <see cref="FirstUnacknowledged"/> and without the records of the classes in <paramref name="classMask"/>
        /// (unacknowledged ones counted as dropped); each run of removed records becomes one gap record, so the records
        /// kept keep their index. A segment left empty is deleted. With <paramref name="requireGain"/>, nothing is
        /// written unless bytes are freed.
        /// </summary>
        private int Strip(int s, int classMask, bool requireGain)
        {
            byte[] buffer = SegmentBuffer(s);
            if (buffer == null)
            {
                // A segment whose file lost its header holds nothing any more: forget it.
                return _held[s] == 0 ? (DeleteSegment(s) ? StripDeleted : StripFailed) : StripFailed;
            }

            int oldBytes = _bytes[s];
            long first = _first[s];
            int read = SegmentHeaderBytes;
            int write = SegmentHeaderBytes;
            int ordinal = 0;
            int run = 0;
            int removed = 0;
            int removedUnackedBytes = 0;
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _stripDropped[c] = 0;
            }

            while (read < oldBytes)
            {
                int size = RecordHeaderBytes + OutboxFormat.ReadU16(buffer, read + OutboxFormat.RecLength);
                int cls = buffer[read + OutboxFormat.RecClass];
                if (cls == OutboxFormat.GapClass)
                {
                    int gap = (int)OutboxFormat.ReadU32(buffer, read + OutboxFormat.RecSequence);
                    run += gap;
                    ordinal += gap;
                    read += size;
                    continue;
                }

                long index = first + ordinal;
                bool acknowledged = index < _firstUnack || _ahead.Contains(index);
                if (index < _firstUnack || (classMask & (1 << cls)) != 0)
                {
                    removed++;
                    if (!acknowledged)
                    {
                        _stripDropped[cls]++;
                        removedUnackedBytes += size;
                    }

                    run++;
                    ordinal++;
                    read += size;
                    continue;
                }

                // A run removed at least one record header's worth of bytes, so the gap record fits behind the read
                // position and the copy below only moves bytes towards the start.
                if (run > 0)
                {
                    OutboxFormat.WriteGap(buffer, write, run);
                    write += RecordHeaderBytes;
                    run = 0;
                }

                if (write != read)
                {
                    OutboxFormat.Move(buffer, read, write, size);
                }

                write += size;
                read += size;
                ordinal++;
            }

            if (run > 0)
            {
                OutboxFormat.WriteGap(buffer, write, run);
                write += RecordHeaderBytes;
            }

            if (removed == 0 && write == oldBytes)
            {
                return StripUnchanged;
            }

            if (removed == _held[s])
            {
                // Nothing left: the deletion counts the unacknowledged records as dropped.
                ForgetBuffer(s);
                return DeleteSegment(s) ? StripDeleted : StripFailed;
            }

            bool gain = write < oldBytes;
            if (requireGain && !gain && _store != null)
            {
                ForgetBuffer(s);
                return StripUnchanged;
            }

            // In RAM the buffer is the segment: what was rewritten in place is kept even without a gain.
            if (_store != null)
            {
                try
                {
                    _store.Write(_segmentSlots.NameOf(_slot[s]), buffer, 0, write);
                }
                catch (Exception)
                {
                    _storeErrors++;
                    ForgetBuffer(s);
                    return StripFailed;
                }
            }

            int droppedCount = 0;
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                int dropped = _stripDropped[c];
                _unacked[(s * SegmentTable.ClassCount) + c] = (ushort)(_unacked[(s * SegmentTable.ClassCount) + c] - dropped);
                _dropped[c] += dropped;
                droppedCount += dropped;
            }

            _held[s] = (ushort)(_held[s] - removed);
            _unackedBytes[s] = (ushort)(_unackedBytes[s] - removedUnackedBytes);
            _bytes[s] = (ushort)write;
            _depth -= droppedCount;
            _depthBytes -= removedUnackedBytes;
            _usedBytes -= oldBytes - write;
            _cursors.Invalidate(_number[s]);
            Advance();
            return requireGain && !gain ? StripUnchanged : StripRewritten;
        }

        /// <summary>The cached image of segment <paramref name="s"/> was changed without being stored: drop it.</summary>
        private void ForgetBuffer(int s)
        {
            _cursors.Invalidate(_number[s]);
            if (_store != null && _imageNumber == _number[s])
            {
                _imageNumber = -1;
            }
        }

        /// <summary>
        /// Moves the records of stripped segment <paramref name="t"/>, from its start and as many as fit, to the end of
        /// the stripped segment before it (after a gap record covering the indexes of segments deleted between them):
        /// what the policy leaves of many segments ends up in few files, each nearly full. When every record moved,
        /// <paramref name="t"/> is forgotten and its file deleted once the acknowledgement mark no longer names it;
        /// otherwise it is rewritten without them. A restart in between finds the moved records twice, never none.
        /// Nothing changes when the store fails.
        /// </summary>
        private void MergeIntoPrevious(int t)
        {
            int p = t - 1;
            if (p < 0 || t >= _table.Count - 1 || _level[p] < 1 || _level[t] < 1)
            {
                return;
            }

            long gapSlots = _first[t] - (_first[p] + _slots[p]);
            int extra = gapSlots > 0 ? RecordHeaderBytes : 0;
            int room = _segmentBytes - _bytes[p] - extra;
            byte[] source = gapSlots > int.MaxValue || room < 2 * RecordHeaderBytes ? null : SegmentBuffer(t);
            if (source == null)
            {
                return;
            }

            // Whole records from the start of t, while they fit; _stripDropped counts the unacknowledged ones by class.
            int moved = 0;
            int movedOrdinals = 0;
            int movedHeld = 0;
            int movedUnackedBytes = 0;
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _stripDropped[c] = 0;
            }

            for (int at = SegmentHeaderBytes; at < _bytes[t];)
            {
                int size = RecordHeaderBytes + OutboxFormat.ReadU16(source, at + OutboxFormat.RecLength);
                if (moved + size > room)
                {
                    break;
                }

                int cls = source[at + OutboxFormat.RecClass];
                if (cls == OutboxFormat.GapClass)
                {
                    movedOrdinals += (int)OutboxFormat.ReadU32(source, at + OutboxFormat.RecSequence);
                }
                else
                {
                    long index = _first[t] + movedOrdinals;
                    movedHeld++;
                    if (index >= _firstUnack && !_ahead.Contains(index))
                    {
                        _stripDropped[cls]++;
                        movedUnackedBytes += size;
                    }

                    movedOrdinals++;
                }

                moved += size;
                at += size;
            }

            bool whole = movedHeld == _held[t];

            // Rewriting t shifts its ordinals, which a stored mark naming t counts in.
            if (movedHeld == 0 || (!whole && MarkStored && _ackMark.Segment == _number[t]))
            {
                return;
            }

            int rest = _bytes[t] - SegmentHeaderBytes - moved;
            if (_store == null)
            {
                byte[] target = _ram[_slot[p]];
                if (extra > 0)
                {
                    OutboxFormat.WriteGap(target, _bytes[p], (int)gapSlots);
                }

                Array.Copy(source, SegmentHeaderBytes, target, _bytes[p] + extra, moved);
                if (whole)
                {
                    _segmentSlots.Free(_slot[t]);
                }
                else
                {
                    OutboxFormat.Move(source, SegmentHeaderBytes + moved, SegmentHeaderBytes, rest);
                }
            }
            else if (!MergeStored(p, t, extra, (int)gapSlots, moved, whole))
            {
                return;
            }

            _slots[p] = (int)(_first[t] + movedOrdinals - _first[p]);
            _bytes[p] = (ushort)(_bytes[p] + extra + moved);
            _held[p] = (ushort)(_held[p] + movedHeld);
            _unackedBytes[p] = (ushort)(_unackedBytes[p] + movedUnackedBytes);
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _unacked[(p * SegmentTable.ClassCount) + c] = (ushort)(_unacked[(p * SegmentTable.ClassCount) + c] + _stripDropped[c]);
            }

            if (_level[t] < _level[p])
            {
                _level[p] = _level[t];
            }

            _cursors.Invalidate(_number[p]);
            _cursors.Invalidate(_number[t]);
            if (whole)
            {
                _usedBytes += extra + moved - _bytes[t];
                _table.Remove(t);
                return;
            }

            _usedBytes += extra;
            _first[t] += movedOrdinals;
            _slots[t] -= movedOrdinals;
            _bytes[t] = (ushort)(_bytes[t] - moved);
            _held[t] = (ushort)(_held[t] - movedHeld);
            _unackedBytes[t] = (ushort)(_unackedBytes[t] - movedUnackedBytes);
            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _unacked[(t * SegmentTable.ClassCount) + c] = (ushort)(_unacked[(t * SegmentTable.ClassCount) + c] - _stripDropped[c]);
            }
        }

        /// <summary>
        /// The store side of <see cref="MergeIntoPrevious"/>, in the one cache buffer: the first
        /// <paramref name="moved"/> bytes of records of t (cached) go to the buffer's end, p is read to its start and
        /// written with them; then t is deleted later (<paramref name="whole"/>) or rewritten without them now. False
        /// when the store fails before both files are consistent with the table's new view (a copy left at the end of
        /// p's file beyond its length is read back, at a restart, as a duplicate only).
        /// </summary>
        private bool MergeStored(int p, int t, int extra, int gapSlots, int moved, bool whole)
        {
            if (whole && _pendingDeleteCount == MaxPendingDeletes)
            {
                SyncMark();
                if (_pendingDeleteCount == MaxPendingDeletes)
                {
                    return false;
                }
            }

            string target = _segmentSlots.NameOf(_slot[p]);
            int length;
            try
            {
                length = _store.Length(target);
            }
            catch (Exception)
            {
                _storeErrors++;
                return false;
            }

            if (length < _bytes[p] || length + moved > _segmentBytes)
            {
                return false;
            }

            int tail = _segmentBytes - moved;
            OutboxFormat.Move(_image, SegmentHeaderBytes, tail, moved);
            _imageNumber = -1;
            try
            {
                length = _store.Read(target, _image, 0);
            }
            catch (Exception)
            {
                _storeErrors++;
                return false;
            }

            if (ValidLength(_image, length, _number[p], _bytes[p]) != _bytes[p])
            {
                return false;
            }

            if (extra > 0)
            {
                OutboxFormat.WriteGap(_image, _bytes[p], gapSlots);
            }

            OutboxFormat.Move(_image, tail, _bytes[p] + extra, moved);
            if (!WriteFile(target, _bytes[p] + extra + moved))
            {
                return false;
            }

            _imageNumber = _number[p];
            if (whole)
            {
                _pendingDeletes[_pendingDeleteCount++] = _slot[t];
                return true;
            }

            _imageNumber = -1;
            string source = _segmentSlots.NameOf(_slot[t]);
            try
            {
                length = _store.Read(source, _image, 0);
            }
            catch (Exception)
            {
                _storeErrors++;
                return false;
            }

            if (ValidLength(_image, length, _number[t], _bytes[t]) != _bytes[t])
            {
                return false;
            }

            int rest = _bytes[t] - SegmentHeaderBytes - moved;
            OutboxFormat.Move(_image, SegmentHeaderBytes + moved, SegmentHeaderBytes, rest);
            if (!WriteFile(source, SegmentHeaderBytes + rest))
            {
                return false;
            }

            _imageNumber = _number[t];
            return true;
        }

        private bool WriteFile(string name, int length)
        {
            try
            {
                _store.Write(name, _image, 0, length);
                return true;
            }
            catch (Exception)
            {
                _storeErrors++;
                return false;
            }
        }

        /// <summary>Deletes closed segment <paramref name="s"/>, counting its unacknowledged records as dropped; false
        /// (nothing changed) when the store fails.</summary>
        private bool DeleteSegment(int s)
        {
            if (_store != null && _slot[s] != SegmentTable.NoSlot)
            {
                try
                {
                    _store.Delete(_segmentSlots.NameOf(_slot[s]));
                }
                catch (Exception)
                {
                    _storeErrors++;
                    return false;
                }
            }

            if (_slot[s] != SegmentTable.NoSlot)
            {
                _segmentSlots.Free(_slot[s]);
            }

            for (int c = 0; c < SegmentTable.ClassCount; c++)
            {
                _dropped[c] += _unacked[(s * SegmentTable.ClassCount) + c];
            }

            _depth -= _table.UnackedOf(s);
            _depthBytes -= _unackedBytes[s];
            _usedBytes -= _bytes[s];
            _cursors.Invalidate(_number[s]);
            if (_imageNumber == _number[s])
            {
                _imageNumber = -1;
            }

            _table.Remove(s);
            Advance();
            return true;
        }
    }
}
