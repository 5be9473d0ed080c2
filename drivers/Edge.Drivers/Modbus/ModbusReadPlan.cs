#nullable disable
namespace Edge.Drivers.Modbus
{
    /// <summary>
    /// The requests one poll cycle makes: the map's rows sorted by function and register, then cut into as few reads
    /// as the meter allows. A read grows by the next row while it keeps one function, spans at most the map's
    /// registers per request and skips at most its gap; otherwise a new read starts. Taking each row as long as it
    /// fits is optimal here, as every limit only depends on the read's first and last registers. Built once, at
    /// setup, in arrays.
    /// </summary>
    public sealed class ModbusReadPlan
    {
        private readonly int[] _order;
        private readonly int[] _start;
        private readonly int[] _registers;
        private readonly byte[] _function;
        private readonly int[] _firstRow;
        private readonly int[] _rows;

        /// <summary>The plan of <paramref name="map"/>.</summary>
        public ModbusReadPlan(ModbusRegisterMap map)
        {
            Map = map;
            int n = map.Count;
            _order = new int[n];
            for (int i = 0; i < n; i++)
            {
                _order[i] = i;
            }

            // Insertion sort: tables have tens of rows, and it needs no comparer object.
            for (int i = 1; i < n; i++)
            {
                int row = _order[i];
                int j = i - 1;
                while (j >= 0 && Key(map, _order[j]) > Key(map, row))
                {
                    _order[j + 1] = _order[j];
                    j--;
                }

                _order[j + 1] = row;
            }

            int count = Cut(map, null, null, null, null, null);
            _start = new int[count];
            _registers = new int[count];
            _function = new byte[count];
            _firstRow = new int[count];
            _rows = new int[count];
            Cut(map, _start, _registers, _function, _firstRow, _rows);
            Count = count;
            int largest = 0;
            for (int i = 0; i < count; i++)
            {
                largest = _registers[i] > largest ? _registers[i] : largest;
            }

            LargestRead = largest;
        }

        /// <summary>The map planned.</summary>
        public ModbusRegisterMap Map { get; private set; }

        /// <summary>Requests a cycle makes.</summary>
        public int Count { get; private set; }

        /// <summary>Registers of the largest request, which sizes the reply buffer.</summary>
        public int LargestRead { get; private set; }

        /// <summary>First register of request <paramref name="read"/>.</summary>
        public int Start(int read)
        {
            return _start[read];
        }

        /// <summary>Registers request <paramref name="read"/> asks for.</summary>
        public int Registers(int read)
        {
            return _registers[read];
        }

        /// <summary>Function of request <paramref name="read"/> (0x03 or 0x04).</summary>
        public int Function(int read)
        {
            return _function[read];
        }

        /// <summary>Rows request <paramref name="read"/> carries.</summary>
        public int Rows(int read)
        {
            return _rows[read];
        }

        /// <summary>Row of the map that is the <paramref name="index"/>th of request <paramref name="read"/>.</summary>
        public int Row(int read, int index)
        {
            return _order[_firstRow[read] + index];
        }

        private static long Key(ModbusRegisterMap map, int row)
        {
            return ((long)map.Function(row) << 16) | (long)map.Address(row);
        }

        /// <summary>Cuts the sorted rows into reads; fills the arrays when given; returns the number of reads.</summary>
        private int Cut(ModbusRegisterMap map, int[] start, int[] registers, byte[] function, int[] firstRow, int[] rows)
        {
            int reads = 0;
            int i = 0;
            while (i < _order.Length)
            {
                int first = _order[i];
                int from = map.Address(first);
                int end = from + map.Width(first);
                int j = i + 1;
                while (j < _order.Length)
                {
                    int row = _order[j];
                    int rowEnd = map.Address(row) + map.Width(row);
                    if (map.Function(row) != map.Function(first) || map.Address(row) - end > map.MaxGap || rowEnd - from > map.MaxRegistersPerRequest)
                    {
                        break;
                    }

                    end = rowEnd;
                    j++;
                }

                if (start != null)
                {
                    start[reads] = from;
                    registers[reads] = end - from;
                    function[reads] = (byte)map.Function(first);
                    firstRow[reads] = i;
                    rows[reads] = j - i;
                }

                reads++;
                i = j;
            }

            return reads;
        }
    }
}
