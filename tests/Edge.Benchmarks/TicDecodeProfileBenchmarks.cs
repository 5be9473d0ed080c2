using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Edge.Drivers.Tic;

namespace Edge.Benchmarks
{
    /// <summary>
    /// Where the time of <see cref="TicFrameDecoder"/> goes, on the standard-mode frame (865 bytes, 38 groups).
    /// Each benchmark does one part of the decoder's work for a whole frame, 100 frames per invocation, so Mean is
    /// per frame and comparable with the full decode (the baseline):
    /// <list type="bullet">
    /// <item>ByteLoop: the per-byte state machine alone (mask, switch, copy into the group buffer), a copy of the
    /// decoder's Push without the group parsing;</item>
    /// <item>Parse: <see cref="TicGroupParser.Parse"/> of the 38 groups (checksum, separator search, character
    /// checks), each group first copied into the decoder's group buffer as Push would have left it;</item>
    /// <item>Copy: that copy alone, to subtract from Parse;</item>
    /// <item>Checksum: the checksum sum alone, as Parse computes it;</item>
    /// <item>LabelLookup: <see cref="TicLabels.Find(byte[], int, int)"/> of the 38 labels.</item>
    /// </list>
    /// </summary>
    [MemoryDiagnoser]
    [Config(typeof(TicThroughputConfig))]
    public class TicDecodeProfileBenchmarks
    {
        private const int Copies = TicDecodeBenchmarks.Copies;
        private const int Groups = TicDecodeBenchmarks.StandardGroups;

        private byte[] _frame = Array.Empty<byte>();
        private byte[] _stream = Array.Empty<byte>();
        private int[] _groupStart = Array.Empty<int>();
        private int[] _groupLength = Array.Empty<int>();
        private int[] _labelLength = Array.Empty<int>();
        private int[] _coveredLength = Array.Empty<int>();
        private TicFrameDecoder _decoder = new TicFrameDecoder(TicMode.Auto);
        private SkeletonDecoder _skeleton = new SkeletonDecoder();

        [GlobalSetup]
        public void Setup()
        {
            _frame = RepoFiles.TicFrame(TicDecodeBenchmarks.StandardFile);
            _stream = RepoFiles.Repeat(_frame, Copies);
            _decoder = new TicFrameDecoder(TicMode.Auto);
            _skeleton = new SkeletonDecoder();

            List<int> starts = new List<int>();
            List<int> lengths = new List<int>();
            for (int i = 0; i < _frame.Length; i++)
            {
                if (_frame[i] == 0x0A)
                {
                    int end = Array.IndexOf(_frame, (byte)0x0D, i + 1);
                    starts.Add(i + 1);
                    lengths.Add(end - i - 1);
                }
            }

            _groupStart = starts.ToArray();
            _groupLength = lengths.ToArray();
            _labelLength = new int[_groupStart.Length];
            _coveredLength = new int[_groupStart.Length];
            for (int g = 0; g < _groupStart.Length; g++)
            {
                _labelLength[g] = Array.IndexOf(_frame, (byte)0x09, _groupStart[g]) - _groupStart[g];
                _coveredLength[g] = _groupLength[g] - 1; // standard: everything but the checksum byte
            }

            if (_groupStart.Length != Groups || ParseOnly() != Groups * Copies || LabelLookup() != Groups * Copies || ByteLoop() != Groups * Copies || BlockLoopFusedChecksum() != Groups * Copies)
            {
                throw new InvalidOperationException("setup: the standard frame does not split into " + Groups + " valid groups");
            }
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Copies, Description = "Full decode (TicFrameDecoder.Push)")]
        [ItemsPerOperation(Groups)]
        public int FullDecode()
        {
            TicFrameDecoder decoder = _decoder;
            byte[] stream = _stream;
            int groups = 0;
            for (int i = 0; i < stream.Length; i++)
            {
                if (decoder.Push(stream[i]) == TicEvent.Group)
                {
                    groups++;
                }
            }

            return groups;
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Part: byte loop only (Push without parsing)")]
        [ItemsPerOperation(Groups)]
        public int ByteLoop()
        {
            SkeletonDecoder decoder = _skeleton;
            byte[] stream = _stream;
            int groups = 0;
            for (int i = 0; i < stream.Length; i++)
            {
                if (decoder.Push(stream[i]) == TicEvent.Group)
                {
                    groups++;
                }
            }

            return groups;
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Part: TicGroupParser.Parse x38 (incl. copy)")]
        [ItemsPerOperation(Groups)]
        public int ParseOnly()
        {
            TicGroup group = _decoder.Group;
            byte[] buffer = group.Buffer;
            byte[] frame = _frame;
            int valid = 0;
            for (int copy = 0; copy < Copies; copy++)
            {
                for (int g = 0; g < _groupStart.Length; g++)
                {
                    Buffer.BlockCopy(frame, _groupStart[g], buffer, 0, _groupLength[g]);
                    if (TicGroupParser.Parse(group, _groupLength[g], TicMode.Auto) == TicReject.None)
                    {
                        valid++;
                    }
                }
            }

            return valid;
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Part: group copy only (subtract from Parse)")]
        [ItemsPerOperation(Groups)]
        public int CopyOnly()
        {
            byte[] buffer = _decoder.Group.Buffer;
            byte[] frame = _frame;
            int total = 0;
            for (int copy = 0; copy < Copies; copy++)
            {
                for (int g = 0; g < _groupStart.Length; g++)
                {
                    Buffer.BlockCopy(frame, _groupStart[g], buffer, 0, _groupLength[g]);
                    total += buffer[0];
                }
            }

            return total;
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Part: checksum sum only x38")]
        [ItemsPerOperation(Groups)]
        public int ChecksumOnly()
        {
            byte[] frame = _frame;
            int total = 0;
            for (int copy = 0; copy < Copies; copy++)
            {
                for (int g = 0; g < _groupStart.Length; g++)
                {
                    int start = _groupStart[g];
                    int end = start + _coveredLength[g];
                    int sum = 0;
                    for (int i = start; i < end; i++)
                    {
                        sum += frame[i];
                    }

                    total += (sum & 0x3F) + 0x20;
                }
            }

            return total;
        }

        [Benchmark(OperationsPerInvoke = Copies, Description = "Part: TicLabels.Find x38")]
        [ItemsPerOperation(Groups)]
        public int LabelLookup()
        {
            byte[] frame = _frame;
            int found = 0;
            for (int copy = 0; copy < Copies; copy++)
            {
                for (int g = 0; g < _groupStart.Length; g++)
                {
                    if (TicLabels.Find(frame, _groupStart[g], _labelLength[g]) != null)
                    {
                        found++;
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// Experiment, not the product decoder: the same byte-level state machine run over the whole buffer in one
        /// loop with its state in locals (what a block API such as <c>Push(byte[] buffer, int offset, int count)</c>
        /// allows), the group checksum summed as the bytes arrive and checked at CR (standard or historique rule).
        /// Compare with ByteLoop + Checksum: what a block API with a fused checksum would save.
        /// </summary>
        [Benchmark(OperationsPerInvoke = Copies, Description = "Experiment: block loop, locals, fused checksum")]
        [ItemsPerOperation(Groups)]
        public int BlockLoopFusedChecksum()
        {
            byte[] stream = _stream;
            byte[] buffer = _decoder.Group.Buffer;
            int length = 0;
            int sum = 0;
            bool inGroup = false;
            int valid = 0;
            for (int i = 0; i < stream.Length; i++)
            {
                int b = stream[i] & 0x7F;
                if (b > 0x0D)
                {
                    // Printable data: the common case, one predictable branch.
                    if (inGroup && length < TicFrameDecoder.MaxGroupLength)
                    {
                        buffer[length++] = (byte)b;
                        sum += b;
                    }

                    continue;
                }

                if (b == 0x0A)
                {
                    inGroup = true;
                    length = 0;
                    sum = 0;
                }
                else if (b == 0x0D)
                {
                    if (inGroup && length >= 4)
                    {
                        int checksum = buffer[length - 1];
                        int separator = buffer[length - 2];
                        int covered = separator == 0x09 ? sum - checksum : sum - checksum - separator;
                        if (((covered & 0x3F) + 0x20) == checksum)
                        {
                            valid++;
                        }
                    }

                    inGroup = false;
                }
                else if (b == 0x09)
                {
                    if (inGroup && length < TicFrameDecoder.MaxGroupLength)
                    {
                        buffer[length++] = (byte)b;
                        sum += b;
                    }
                }
                else
                {
                    // STX, ETX, EOT and other control bytes: end any group.
                    inGroup = false;
                }
            }

            return valid;
        }

        /// <summary>The byte-level state machine of <see cref="TicFrameDecoder.Push"/>, with the group parsing
        /// (checksum, split, label lookup) replaced by nothing: the floor of a byte-at-a-time design.</summary>
        private sealed class SkeletonDecoder
        {
            private readonly byte[] _buffer = new byte[TicFrameDecoder.MaxGroupLength];
            private int _length;
            private bool _inGroup;
            private bool _overflow;
            private bool _inFrame;
            private int _frames;

            public TicEvent Push(byte received)
            {
                byte b = (byte)(received & 0x7F);
                switch (b)
                {
                    case 0x02:
                        _inGroup = false;
                        _inFrame = true;
                        _frames++;
                        return TicEvent.FrameStart;
                    case 0x03:
                        _inGroup = false;
                        if (!_inFrame)
                        {
                            return TicEvent.None;
                        }

                        _inFrame = false;
                        return TicEvent.FrameEnd;
                    case 0x04:
                        _inGroup = false;
                        _inFrame = false;
                        return TicEvent.FrameAborted;
                    case 0x0A:
                        TicEvent ended = _inGroup && (_length > 0 || _overflow) ? TicEvent.Group : TicEvent.None;
                        _inGroup = true;
                        _length = 0;
                        _overflow = false;
                        return ended;
                    case 0x0D:
                        if (!_inGroup)
                        {
                            return TicEvent.None;
                        }

                        _inGroup = false;
                        return _length > 0 || _overflow ? TicEvent.Group : TicEvent.None;
                    default:
                        if (_inGroup)
                        {
                            if (_length < TicFrameDecoder.MaxGroupLength)
                            {
                                _buffer[_length++] = b;
                            }
                            else
                            {
                                _overflow = true;
                            }
                        }

                        return TicEvent.None;
                }
            }
        }
    }
}
