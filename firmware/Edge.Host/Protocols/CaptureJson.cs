using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Edge.Core.Model;

namespace Edge.Host.Protocols
{
    /// <summary>
    /// What the capture decoders' JSON lines share: one object a line, times in UTC to the second, and the
    /// <c>readings</c> array (quantity, value with its decimals, unit), the same for every protocol.
    /// </summary>
    public static class CaptureJson
    {
        // Relaxed escaping keeps labels such as "NJOURF+1" readable; the output is never embedded in HTML.
        private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>The object <paramref name="write"/> writes, as one line of text.</summary>
        public static string Line(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, Options))
            {
                write(json);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>A UTC instant as the lines carry it: 2023-03-01T08:18:34Z.</summary>
        public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>The <c>readings</c> array.</summary>
        public static void WriteReadings(Utf8JsonWriter json, IEnumerable<Reading> readings)
        {
            json.WriteStartArray("readings");
            foreach (Reading reading in readings)
            {
                json.WriteStartObject();
                WriteReading(json, reading);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        /// <summary>A reading's quantity, value and unit, in the object being written.</summary>
        public static void WriteReading(Utf8JsonWriter json, Reading reading)
        {
            json.WriteString("quantity", Quantities.NameOf(reading.Quantity));
            json.WriteNumber("value", reading.Value / (decimal)Math.Pow(10, reading.Decimals));
            json.WriteString("unit", Quantities.UnitOf(reading.Quantity));
        }
    }
}
