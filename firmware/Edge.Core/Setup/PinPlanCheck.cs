#nullable disable
using Edge.Core.Meters;

namespace Edge.Core.Setup
{
    /// <summary>
    /// Works out the pins a node uses on its board (the board profile's, with the configuration's <c>pins</c>
    /// overrides) from the ports its meters name, its status LED, relays and button, and refuses, each with its path:
    /// a GPIO the chip or the board lacks, a flash, COM1 or strapping pin, a pin of the board's Ethernet PHY or one it
    /// reserves, an output on an input-only pin, a pin used twice, TIC and P1 together (both need COM2), a meter on a
    /// port this board does not wire, an S0 port beyond the board's S0 inputs.
    /// </summary>
    public static class PinPlanCheck
    {
        // Interfaces driven by the ESP32, by index of PinMap.Names: p1Request, rs485Tx, rs485De, i2cSda, i2cScl
        // (open drain, but driven low), relays, statusLed.
        private const int Outputs = (1 << 2) | (1 << 3) | (1 << 5) | (1 << 7) | (1 << 8) | (1 << PinMap.RelaysIndex) | (1 << 10);

        private const int TicRx = 0;
        private const int P1Rx = 1;
        private const int P1Request = 2;
        private const int Rs485Tx = 3;
        private const int Rs485Rx = 4;
        private const int Rs485De = 5;
        private const int I2cSda = 7;
        private const int I2cScl = 8;
        private const int StatusLed = 10;
        private const int Button = 11;

        /// <summary>Sets <paramref name="setup"/>.Pins from <paramref name="board"/> and the overrides, and records
        /// every problem of the plan into <paramref name="problems"/>.</summary>
        public static void Apply(NodeSetup setup, BoardProfile board, SetupProblems problems)
        {
            if (setup.Board != null && setup.Board != board.Name)
            {
                problems.Add(SetupFiles.Config, "$.board", "\"" + setup.Board + "\" but board.json is the profile of \"" + board.Name + "\"", "the name of the board profile given with it");
            }

            if (setup.Network.Kind == NetworkSettings.EthernetKind && board.Network != NetworkSettings.EthernetKind)
            {
                problems.Add(SetupFiles.Config, "$.network.kind", "board " + board.Name + " has no Ethernet port", NetworkSettings.WifiKind);
            }

            PinMap pins = Merge(board.Pins, setup.PinOverrides);
            setup.Pins = pins;
            var plan = new Plan(setup, board, problems);
            for (int i = 0; i < setup.Meters.Length; i++)
            {
                plan.Meter(i);
            }

            plan.Use(StatusLed, -1, pins.StatusLed, null);
            plan.Use(Button, -1, pins.Button, null);
            for (int i = 0; i < pins.Relays.Length; i++)
            {
                plan.Use(PinMap.RelaysIndex, i, pins.Relays[i], null);
            }

            plan.CheckUnusedOverrides();
            plan.Finish();
        }

        /// <summary>The board's map with the overrides that are not <see cref="PinMap.FromBoard"/> (arrays: not null).</summary>
        public static PinMap Merge(PinMap board, PinMap overrides)
        {
            var pins = new PinMap();
            for (int i = 0; i < PinMap.Names.Length; i++)
            {
                int pin = overrides.Get(i);
                pins.Set(i, pin == PinMap.FromBoard ? board.Get(i) : pin);
            }

            pins.S0 = overrides.S0 ?? board.S0;
            pins.Relays = overrides.Relays ?? board.Relays;

            // The LED's kind goes with its pin: the board's LED is of the board's kind, an LED fitted elsewhere is
            // of the kind the configuration says.
            pins.StatusLedKind = overrides.StatusLed == PinMap.FromBoard ? board.StatusLedKind : overrides.StatusLedKind;
            return pins;
        }

        /// <summary>The pins in use so far and who uses them.</summary>
        private sealed class Plan
        {
            // At most every GPIO once, and the chip has 40.
            private readonly int[] _pins = new int[Esp32Pins.MaxGpio + 1];
            private readonly string[] _users = new string[Esp32Pins.MaxGpio + 1];
            private readonly NodeSetup _setup;
            private readonly BoardProfile _board;
            private readonly SetupProblems _problems;
            private readonly PinMap _pinMap;
            private int _count;
            private int _com2 = -1;
            private int _rs485 = -1;
            private int _i2c = -1;

            private readonly System.Collections.ArrayList _refused = new System.Collections.ArrayList();

            // The interfaces (bits by index of PinMap.Names) whose pins were checked as in use, allowed or not.
            private int _checked;

            public Plan(NodeSetup setup, BoardProfile board, SetupProblems problems)
            {
                _setup = setup;
                _board = board;
                _problems = problems;
                _pinMap = setup.Pins;
            }

            /// <summary>The pins behind meter <paramref name="index"/>'s port.</summary>
            public void Meter(int index)
            {
                MeterSpec meter = _setup.Meters[index];
                string user = SetupJson.ItemOf("$.meters", index);
                string at = user + ".port";
                string port = meter.Port;
                if (port == null)
                {
                    return;
                }

                if (port == PortNames.Tic || port == PortNames.P1)
                {
                    if (_com2 >= 0)
                    {
                        string other = _setup.Meters[_com2].Port;
                        _problems.Add(SetupFiles.Config, at, other == port
                            ? "the " + port + " line is already read by $.meters[" + _com2.ToString() + "]"
                            : "TIC and P1 both need COM2, which $.meters[" + _com2.ToString() + "] takes for " + other, "one TIC or P1 meter per node");
                        return;
                    }

                    _com2 = index;
                    if (Wired(at, port, port == PortNames.Tic ? TicRx : P1Rx))
                    {
                        Use(port == PortNames.Tic ? TicRx : P1Rx, -1, _pinMap.Get(port == PortNames.Tic ? TicRx : P1Rx), user);
                        if (port == PortNames.P1)
                        {
                            // Without a request pin, P1 pin 2 is tied to +5 V and the meter sends continuously.
                            Use(P1Request, -1, _pinMap.P1Request, user);
                        }
                    }

                    return;
                }

                if (port == PortNames.Rs485 || port == PortNames.I2c)
                {
                    // Shared buses: several meters at their own addresses, the pins taken once.
                    bool rs485 = port == PortNames.Rs485;
                    if ((rs485 ? _rs485 : _i2c) >= 0)
                    {
                        return;
                    }

                    if (rs485)
                    {
                        _rs485 = index;
                        if (Wired(at, port, Rs485Tx) && Wired(at, port, Rs485Rx) && Wired(at, port, Rs485De))
                        {
                            Use(Rs485Tx, -1, _pinMap.Rs485Tx, user);
                            Use(Rs485Rx, -1, _pinMap.Rs485Rx, user);
                            Use(Rs485De, -1, _pinMap.Rs485De, user);
                        }
                    }
                    else
                    {
                        _i2c = index;
                        if (Wired(at, port, I2cSda) && Wired(at, port, I2cScl))
                        {
                            Use(I2cSda, -1, _pinMap.I2cSda, user);
                            Use(I2cScl, -1, _pinMap.I2cScl, user);
                        }
                    }

                    return;
                }

                int channel = MeterSpecReader.S0Channel(port);
                if (channel < 1)
                {
                    _problems.Add(SetupFiles.Config, at, "\"" + port + "\" is not a port of the node", WiredPorts());
                    return;
                }

                if (channel > _pinMap.S0.Length)
                {
                    _problems.Add(SetupFiles.Config, at, "board " + _board.Name + " has " + _pinMap.S0.Length.ToString() + " S0 input(s)", WiredPorts());
                    return;
                }

                for (int i = 0; i < index; i++)
                {
                    if (_setup.Meters[i].Port == port)
                    {
                        _problems.Add(SetupFiles.Config, at, "the input " + port + " is already read by $.meters[" + i.ToString() + "]", "an S0 input of its own per meter");
                        return;
                    }
                }

                Use(PinMap.S0Index, channel - 1, _pinMap.S0[channel - 1], user);
            }

            /// <summary>Records that <paramref name="gpio"/> serves interface <paramref name="field"/> (item
            /// <paramref name="item"/> of an array, -1 otherwise) for <paramref name="user"/> (a meter's path, null for the
            /// node itself), after checking it is allowed there.</summary>
            public void Use(int field, int item, int gpio, string user)
            {
                if (gpio == PinMap.None)
                {
                    return;
                }

                _checked |= 1 << field;
                string role = Role(field, item);
                string problem = Refusal(field, item, gpio);
                if (problem == null)
                {
                    int other = PinMapReader.IndexOf(_pins, _count, gpio);
                    if (other >= 0)
                    {
                        problem = "GPIO" + gpio.ToString() + " is also " + _users[other];
                    }
                    else
                    {
                        _users[_count] = user == null ? role : role + " for " + user;
                        _pins[_count++] = gpio;
                        return;
                    }
                }

                AddPinProblem(field, item, problem, (Outputs & (1 << field)) != 0);
            }

            /// <summary>Overridden pins of interfaces nothing uses still must be pins the node could use: an override is
            /// written for a reason, and a wrong one must not wait for the day the interface is used.</summary>
            public void CheckUnusedOverrides()
            {
                PinMap overrides = _setup.PinOverrides;
                for (int i = 0; i < PinMap.Names.Length; i++)
                {
                    int pin = overrides.Get(i);
                    if (pin >= 0 && (_checked & (1 << i)) == 0)
                    {
                        string problem = Refusal(i, -1, pin);
                        if (problem != null)
                        {
                            AddPinProblem(i, -1, problem, (Outputs & (1 << i)) != 0);
                        }
                    }
                }
            }

            private bool Wired(string at, string port, int field)
            {
                if (_pinMap.Get(field) != PinMap.None)
                {
                    return true;
                }

                _problems.Add(SetupFiles.Config, at, port + " is not wired on board " + _board.Name + " (pins." + PinMap.Names[field] + " is null)", WiredPorts() + ", or set pins." + PinMap.Names[field]);
                return false;
            }

            /// <summary>Why <paramref name="gpio"/> cannot serve the interface, or null when it can (use twice aside).</summary>
            private string Refusal(int field, int item, int gpio)
            {
                string pin = "GPIO" + gpio.ToString();
                if (!Esp32Pins.Exists(gpio))
                {
                    return pin + " does not exist on the ESP32";
                }

                if (Esp32Pins.IsFlash(gpio))
                {
                    return pin + " is wired to the module's SPI flash";
                }

                if (Esp32Pins.IsCom1(gpio))
                {
                    return pin + " is COM1 (UART0), the debug and deployment port";
                }

                if (Esp32Pins.IsStrapping(gpio))
                {
                    return pin + " is a strapping pin, sampled at reset to choose the boot mode";
                }

                if (_board.IsEthernetPin(gpio))
                {
                    return pin + " is a pin of the board's Ethernet PHY";
                }

                // The board's own status LED and button are parts on the board, wired to pins it does not bring out
                // (the M5Stack ATOM Lite's SK6812 on GPIO27, its button on GPIO39): only the profile may name them so.
                bool onBoardPart = (field == StatusLedField || field == ButtonField) && FromBoard(field, item, gpio);
                if (_board.Gpio != null && !onBoardPart && PinMapReader.IndexOf(_board.Gpio, _board.Gpio.Length, gpio) < 0)
                {
                    return pin + " is not brought out on board " + _board.Name;
                }

                // A profile's own assignment of a pin it also lists under "reserved" is its author's choice, made with
                // the caveat the entry states (Olimex: S0 on GPIO14, free only without a microSD card).
                string reserved = _board.ReservedUse(gpio);
                if (reserved != null && !FromBoard(field, item, gpio))
                {
                    return pin + " is reserved on board " + _board.Name + ": " + reserved;
                }

                if ((Outputs & (1 << field)) != 0 && Esp32Pins.IsInputOnly(gpio))
                {
                    return pin + " is input-only, and " + PinMap.Names[field] + " is an output";
                }

                return null;
            }

            // Indexes in PinMap.Names of the on-board parts a profile may place outside its "gpio" list.
            private const int StatusLedField = 10;
            private const int ButtonField = 11;

            private bool FromBoard(int field, int item, int gpio)
            {
                PinMap board = _board.Pins;
                if (field == PinMap.S0Index || field == PinMap.RelaysIndex)
                {
                    int[] pins = field == PinMap.S0Index ? board.S0 : board.Relays;
                    return item < pins.Length && pins[item] == gpio;
                }

                return board.Get(field) == gpio;
            }

            /// <summary>Holds a refused pin until the whole plan is known, so that the pins it lists as free are
            /// those no interface of the plan takes.</summary>
            private void AddPinProblem(int field, int item, string problem, bool output)
            {
                bool overridden = field == PinMap.S0Index ? _setup.PinOverrides.S0 != null
                    : field == PinMap.RelaysIndex ? _setup.PinOverrides.Relays != null
                    : _setup.PinOverrides.Get(field) != PinMap.FromBoard;
                string path = "$.pins." + PinMap.Names[field] + (item >= 0 ? "[" + item.ToString() + "]" : string.Empty);
                _refused.Add(new SetupProblem(overridden ? SetupFiles.Config : SetupFiles.Board, path, problem, output ? "output" : "input"));
            }

            /// <summary>Records the refused pins, each with the pins left free for its kind of interface.</summary>
            public void Finish()
            {
                for (int i = 0; i < _refused.Count; i++)
                {
                    var refused = (SetupProblem)_refused[i];
                    _problems.Add(refused.File, refused.Path, refused.Problem, FreePins(refused.Allowed == "output"));
                }
            }

            private static string Role(int field, int item)
            {
                return "pins." + PinMap.Names[field] + (item >= 0 ? "[" + item.ToString() + "]" : string.Empty);
            }

            /// <summary>The GPIOs still free for an input (or an output) on this board, as a list.</summary>
            private string FreePins(bool output)
            {
                string list = string.Empty;
                for (int gpio = 0; gpio <= Esp32Pins.MaxGpio; gpio++)
                {
                    bool free = Esp32Pins.Exists(gpio) && !Esp32Pins.IsFlash(gpio) && !Esp32Pins.IsCom1(gpio) && !Esp32Pins.IsStrapping(gpio)
                        && !_board.IsEthernetPin(gpio) && _board.ReservedUse(gpio) == null
                        && (_board.Gpio == null || PinMapReader.IndexOf(_board.Gpio, _board.Gpio.Length, gpio) >= 0)
                        && !(output && Esp32Pins.IsInputOnly(gpio)) && PinMapReader.IndexOf(_pins, _count, gpio) < 0;
                    if (free)
                    {
                        list = list.Length == 0 ? gpio.ToString() : list + ", " + gpio.ToString();
                    }
                }

                return list.Length == 0 ? "no free " + (output ? "output" : "input") + " GPIO on board " + _board.Name : "a free GPIO of board " + _board.Name + ": " + list;
            }

            private string WiredPorts()
            {
                string list = string.Empty;
                if (_pinMap.TicRx != PinMap.None)
                {
                    list = PortNames.Tic;
                }

                if (_pinMap.P1Rx != PinMap.None)
                {
                    list = Append(list, PortNames.P1);
                }

                if (_pinMap.Rs485Tx != PinMap.None && _pinMap.Rs485Rx != PinMap.None && _pinMap.Rs485De != PinMap.None)
                {
                    list = Append(list, PortNames.Rs485);
                }

                if (_pinMap.I2cSda != PinMap.None && _pinMap.I2cScl != PinMap.None)
                {
                    list = Append(list, PortNames.I2c);
                }

                for (int i = 0; i < _pinMap.S0.Length; i++)
                {
                    list = Append(list, PortNames.S0Prefix + (i + 1).ToString());
                }

                return "the ports board " + _board.Name + " wires: " + (list.Length == 0 ? "none" : list);
            }

            private static string Append(string list, string name)
            {
                return list.Length == 0 ? name : list + ", " + name;
            }
        }
    }
}
