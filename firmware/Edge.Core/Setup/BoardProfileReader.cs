#nullable disable
using Edge.Core.Payloads;

namespace Edge.Core.Setup
{
    /// <summary>
    /// Reads a board profile (schema in hardware/boards/README.md) into a <see cref="BoardProfile"/>, the same on the
    /// device (<c>I:\edge\board.json</c>) and on the host. Descriptive fields are skipped unread; an unknown field is
    /// a problem, like a missing required one.
    /// </summary>
    public static class BoardProfileReader
    {
        private const int Board = 0;
        private const int Target = 3;
        private const int Network = 4;
        private const int Ethernet = 5;
        private const int Pins = 7;
        private const int Reserved = 8;
        private const int Gpio = 10;

        private static readonly string[] Fields =
        {
            "board", "name", "module", "nanoFrameworkTarget", "network", "ethernet", "uarts", "pins", "reserved", "notes", "gpio",
        };

        private static readonly string[] EthernetFields = { "phy", "phyAddress", "mdc", "mdio", "refClock", "phyPower", "rmii", "source" };
        private static readonly string[] RefClockFields = { "gpio", "direction", "note" };
        private static readonly string[] RmiiFields = { "txEn", "txd0", "txd1", "rxd0", "rxd1", "crsDv" };
        private static readonly string[] ReservationFields = { "gpio", "use" };
        private static readonly string[] NetworkKinds = { NetworkSettings.WifiKind, NetworkSettings.EthernetKind };

        /// <summary>Longest profile name or target name taken.</summary>
        private const int MaxName = 64;

        /// <summary>The profile in the first <paramref name="length"/> bytes of <paramref name="text"/>, or null when
        /// it has problems (all recorded into <paramref name="problems"/>, under <see cref="SetupFiles.Board"/>).</summary>
        public static BoardProfile Read(byte[] text, int length, SetupProblems problems)
        {
            int before = problems.Count;
            var json = new SetupJson(problems);
            var board = new BoardProfile();
            if (json.Start(SetupFiles.Board, text, length) && json.IsObject("$", null, "a board profile object"))
            {
                ReadTop(json, board);
            }

            return problems.Count == before ? board : null;
        }

        private static void ReadTop(SetupJson json, BoardProfile board)
        {
            int seen = 0;
            int field;
            int[] scratch = new int[40];
            var ethernet = new int[RmiiFields.Length + 4];
            int ethernetCount = 0;
            while ((field = json.NextField(Fields, ref seen, "$")) >= 0)
            {
                switch (field)
                {
                    case Board:
                        board.Name = json.Text("$", Fields[field], MaxName, false, "the profile name, e.g. esp32-devkitc");
                        break;
                    case Target:
                        board.NanoFrameworkTarget = json.Text("$", Fields[field], MaxName, false, "a nanoFramework target, e.g. ESP32_PSRAM_REV0");
                        break;
                    case Network:
                        board.Network = json.Choice("$", Fields[field], NetworkKinds, null);
                        break;
                    case Ethernet:
                        if (!json.IsNull && json.IsObject("$", Fields[field], "null or the PHY's wiring"))
                        {
                            ethernetCount = ReadEthernet(json, "$.ethernet", EthernetFields, ethernet, 0);
                        }

                        break;
                    case Pins:
                        PinMapReader.Read(json, "$.pins", board.Pins);
                        break;
                    case Reserved:
                        board.Reserved = ReadReserved(json, scratch);
                        break;
                    case Gpio:
                        board.Gpio = PinMapReader.Pins(json, "$", Fields[field], scratch);
                        break;
                    default:
                        // name, module, uarts, notes: for people, not for the node.
                        json.Skip();
                        break;
                }
            }

            board.EthernetPins = new int[ethernetCount];
            for (int i = 0; i < ethernetCount; i++)
            {
                board.EthernetPins[i] = ethernet[i];
            }

            if (json.Broken)
            {
                return;
            }

            json.Require(seen, Board, Fields, "$", "the profile name");
            json.Require(seen, Target, Fields, "$", "a nanoFramework target");
            json.Require(seen, Network, Fields, "$", SetupJson.Join(NetworkKinds));
            json.Require(seen, Pins, Fields, "$", "the interface pins");
            if (board.Network == NetworkSettings.EthernetKind && ethernetCount == 0)
            {
                json.Add("$.ethernet", "an Ethernet board without its PHY's pins", "the PHY wiring (mdc, mdio, refClock, rmii...)");
            }
        }

        /// <summary>Reads an object of the Ethernet wiring whose fields are <paramref name="names"/>: pins go into
        /// <paramref name="pins"/> from <paramref name="count"/>; returns the new count.</summary>
        private static int ReadEthernet(SetupJson json, string at, string[] names, int[] pins, int count)
        {
            int seen = 0;
            int field;
            while ((field = json.NextField(names, ref seen, at)) >= 0)
            {
                string name = names[field];
                if (name == "refClock" || name == "rmii")
                {
                    if (json.IsObject(at, name, "an object"))
                    {
                        count = ReadEthernet(json, SetupJson.PathOf(at, name), name == "rmii" ? RmiiFields : RefClockFields, pins, count);
                    }
                }
                else if (name == "gpio" || name == "mdc" || name == "mdio" || name == "phyPower" || names == RmiiFields)
                {
                    int pin = PinMapReader.Pin(json, at, name);
                    if (pin != PinMap.None && count < pins.Length)
                    {
                        pins[count++] = pin;
                    }
                }
                else
                {
                    json.Skip();
                }
            }

            return count;
        }

        private static BoardReservation[] ReadReserved(SetupJson json, int[] scratch)
        {
            if (!json.IsArray("$", "reserved", "an array of { gpio, use }"))
            {
                return new BoardReservation[0];
            }

            var groups = new System.Collections.ArrayList();
            int index = 0;
            while (json.NextItem())
            {
                string at = SetupJson.ItemOf("$.reserved", index++);
                if (!json.IsObject(at, null, "{ \"gpio\": [...], \"use\": \"why\" }"))
                {
                    continue;
                }

                var group = new BoardReservation();
                int seen = 0;
                int field;
                while ((field = json.NextField(ReservationFields, ref seen, at)) >= 0)
                {
                    if (field == 0)
                    {
                        group.Gpio = PinMapReader.Pins(json, at, "gpio", scratch);
                    }
                    else
                    {
                        group.Use = json.Text(at, "use", 512, false, "why the pins are reserved");
                    }
                }

                groups.Add(group);
            }

            var reserved = new BoardReservation[groups.Count];
            for (int i = 0; i < reserved.Length; i++)
            {
                reserved[i] = (BoardReservation)groups[i];
            }

            return reserved;
        }
    }
}
