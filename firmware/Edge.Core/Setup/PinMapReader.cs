#nullable disable
using Edge.Core.Payloads;

namespace Edge.Core.Setup
{
    /// <summary>Reads a <c>pins</c> object (of a board profile or of a configuration's overrides) into a
    /// <see cref="PinMap"/>, and the GPIO lists of both files.</summary>
    public static class PinMapReader
    {
        /// <summary>What a pin may be in a file: a GPIO number of the ESP32's range, or null for none.</summary>
        public const string PinAllowed = "a GPIO number from 0 to 39, or null";

        // The ESP32 has GPIO0..GPIO39 (ESP32 Series Datasheet, "Pin Description" table); which of them exist and
        // may be used is for PinPlanCheck to say.
        private const int MaxGpio = 39;

        /// <summary>What drives the status LED (hardware/boards/README.md, <c>statusLedKind</c>): a plain LED on a
        /// GPIO, or an addressable SK6812 / WS2812 that takes a colour word on its data line.</summary>
        public static readonly string[] LedKinds = { PinMap.PlainLed, "sk6812", "ws2812" };

        // The pins object's fields: the pins, then the status LED's kind, which only a board profile gives.
        private static readonly string[] Fields = WithLedKind();

        private static string[] WithLedKind()
        {
            string[] fields = new string[PinMap.Names.Length + 1];
            for (int i = 0; i < PinMap.Names.Length; i++)
            {
                fields[i] = PinMap.Names[i];
            }

            fields[PinMap.Names.Length] = "statusLedKind";
            return fields;
        }

        /// <summary>Reads the object the reader stands on into <paramref name="map"/>: each field a pin or null
        /// (<see cref="PinMap.None"/>), "s0" and "relays" arrays of pins. Fields left out keep their value in the map.</summary>
        public static void Read(SetupJson json, string at, PinMap map)
        {
            if (!json.IsObject(at, null, "an object of " + SetupJson.Join(PinMap.Names)))
            {
                return;
            }

            int seen = 0;
            int field;
            int[] scratch = new int[MaxGpio + 1];
            while ((field = json.NextField(Fields, ref seen, at)) >= 0)
            {
                string name = Fields[field];
                if (field == PinMap.Names.Length)
                {
                    map.StatusLedKind = json.IsNull ? PinMap.PlainLed : json.Choice(at, name, LedKinds, PinMap.PlainLed);
                }
                else if (field == PinMap.S0Index)
                {
                    map.S0 = Pins(json, at, name, scratch);
                }
                else if (field == PinMap.RelaysIndex)
                {
                    map.Relays = Pins(json, at, name, scratch);
                }
                else
                {
                    map.Set(field, Pin(json, at, name));
                }
            }
        }

        /// <summary>The pin the reader stands on, <see cref="PinMap.None"/> for null or a bad value (recorded).</summary>
        public static int Pin(SetupJson json, string at, string name)
        {
            return json.IsNull ? PinMap.None : (int)json.Whole(at, name, 0, MaxGpio, PinMap.None);
        }

        /// <summary>The array of pins the reader stands on (never null: empty on a bad value, which is recorded); a
        /// pin listed twice is recorded too. <paramref name="scratch"/> holds at least 40 numbers.</summary>
        public static int[] Pins(SetupJson json, string at, string name, int[] scratch)
        {
            if (!json.IsArray(at, name, "an array of GPIO numbers from 0 to 39"))
            {
                return new int[0];
            }

            string path = SetupJson.PathOf(at, name);
            int count = 0;
            int index = 0;
            while (json.NextItem())
            {
                string item = SetupJson.ItemOf(path, index);
                int pin = PinMap.None;
                if (json.Token == JsonToken.Number)
                {
                    pin = (int)json.Whole(item, null, 0, MaxGpio, PinMap.None);
                }
                else
                {
                    json.Wrong(item, null, "a GPIO number", "a GPIO number from 0 to 39");
                }

                if (pin != PinMap.None)
                {
                    if (IndexOf(scratch, count, pin) >= 0)
                    {
                        json.Add(item, "GPIO" + pin.ToString() + " is listed twice", "each GPIO once");
                    }
                    else if (count < scratch.Length)
                    {
                        scratch[count++] = pin;
                    }
                }

                index++;
            }

            int[] pins = new int[count];
            for (int i = 0; i < count; i++)
            {
                pins[i] = scratch[i];
            }

            return pins;
        }

        /// <summary>Position of <paramref name="value"/> among the first <paramref name="count"/> of
        /// <paramref name="values"/>, or -1.</summary>
        public static int IndexOf(int[] values, int count, int value)
        {
            for (int i = 0; i < count; i++)
            {
                if (values[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
