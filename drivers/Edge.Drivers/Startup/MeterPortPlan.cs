#nullable disable
using Edge.Core.Meters;
using Edge.Core.Setup;

namespace Edge.Drivers.Startup
{
    /// <summary>
    /// Which of a board's ports the meters of a setup name, checked before anything is opened: every name must be a
    /// port the firmware opens for a meter (<see cref="PortNames"/>), wired on the board (its pin in the
    /// <see cref="PinMap"/>), and read by one meter only, since a serial line or a pulse input feeds one driver;
    /// only the RS-485 line and the I2C bus are shared, by meters and chips at their own addresses. TIC and P1 share COM2, so a node
    /// reads one of them.
    /// </summary>
    public static class MeterPortPlan
    {
        /// <summary>Null when the meters' ports can be opened on the setup's board, else why not, naming the
        /// meter, the port and what the board offers.</summary>
        public static string Check(NodeSetup setup)
        {
            if (setup.Meters.Length == 0)
            {
                return "no meter configured: a node reads at least one";
            }

            bool tic = false;
            bool p1 = false;
            for (int i = 0; i < setup.Meters.Length; i++)
            {
                MeterSpec meter = setup.Meters[i];
                string port = meter.Port;
                string prefix = "meter '" + meter.Id + "': ";
                if (port == null || port.Length == 0)
                {
                    return prefix + "no port given; one of " + Offered(setup.Pins);
                }

                for (int j = 0; j < i; j++)
                {
                    if (setup.Meters[j].Port == port && port != PortNames.Rs485 && port != PortNames.I2c)
                    {
                        return prefix + "port '" + port + "' is already read by meter '" + setup.Meters[j].Id + "': a line or pulse input feeds one meter";
                    }

                    if (port == PortNames.I2c && setup.Meters[j].Port == port && I2cAddress(setup.Meters[j]) == I2cAddress(meter))
                    {
                        return prefix + "address " + I2cAddress(meter).ToString() + " of the I2C bus is already the address of meter '" + setup.Meters[j].Id + "': each chip needs an address of its own (its address pins)";
                    }
                }

                string wiring = Wiring(setup.Pins, port);
                if (wiring != null)
                {
                    return prefix + wiring + " on board '" + setup.Board + "'";
                }

                tic = tic || port == PortNames.Tic;
                p1 = p1 || port == PortNames.P1;
            }

            if (tic && p1)
            {
                return "ports '" + PortNames.Tic + "' and '" + PortNames.P1 + "' share COM2: a node reads a Linky or a DSMR meter, not both";
            }

            return null;
        }

        /// <summary>True when the setup holds an S0 meter (its pulse count is then kept in the node's store).</summary>
        public static bool AnyS0(NodeSetup setup)
        {
            for (int i = 0; i < setup.Meters.Length; i++)
            {
                if (setup.Meters[i].Kind == MeterKinds.S0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when a meter before meter <paramref name="index"/> names the same port (it is opened once).</summary>
        public static bool NamedBefore(NodeSetup setup, int index)
        {
            for (int j = 0; j < index; j++)
            {
                if (setup.Meters[j].Port == setup.Meters[index].Port)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The S0 channel of a port name, from 0 ("s0-1"), or -1 for a name of another form.</summary>
        public static int S0Channel(string port)
        {
            int prefix = PortNames.S0Prefix.Length;
            if (port == null || port.Length <= prefix || port.Length > prefix + 2 || port.Substring(0, prefix) != PortNames.S0Prefix)
            {
                return -1;
            }

            int number = 0;
            for (int i = prefix; i < port.Length; i++)
            {
                char digit = port[i];
                if (digit < '0' || digit > '9')
                {
                    return -1;
                }

                number = (number * 10) + (digit - '0');
            }

            return number >= 1 ? number - 1 : -1;
        }

        /// <summary>The I2C address a meter's chip is opened at: the configured one, or its kind's default.</summary>
        public static int I2cAddress(MeterSpec meter)
        {
            return meter.Address != 0 ? meter.Address : MeterKinds.I2cDefaultAddress(meter.Kind);
        }

        /// <summary>Null when <paramref name="port"/> is wired on a board with <paramref name="pins"/>, else what is wrong.</summary>
        private static string Wiring(PinMap pins, string port)
        {
            if (port == PortNames.Tic)
            {
                return pins.TicRx == PinMap.None ? "port 'tic' is not wired (no pins.ticRx)" : null;
            }

            if (port == PortNames.P1)
            {
                return pins.P1Rx == PinMap.None ? "port 'p1' is not wired (no pins.p1Rx)" : null;
            }

            if (port == PortNames.Rs485)
            {
                return pins.Rs485Tx == PinMap.None || pins.Rs485Rx == PinMap.None || pins.Rs485De == PinMap.None
                    ? "port 'rs485' is not wired (pins.rs485Tx, rs485Rx and rs485De are all needed)"
                    : null;
            }

            if (port == PortNames.I2c)
            {
                return pins.I2cSda == PinMap.None || pins.I2cScl == PinMap.None ? "port 'i2c' is not wired (pins.i2cSda and i2cScl are both needed)" : null;
            }

            int channel = S0Channel(port);
            if (channel < 0)
            {
                return "port '" + port + "' is not one of " + Offered(pins);
            }

            if (channel >= pins.S0.Length)
            {
                return "port '" + port + "' is not wired (" + pins.S0.Length.ToString() + " S0 input(s) in pins.s0)";
            }

            return pins.S0[channel] == PinMap.None ? "port '" + port + "' is not wired (no pin in pins.s0)" : null;
        }

        /// <summary>The meter ports a board with <paramref name="pins"/> offers, for messages.</summary>
        private static string Offered(PinMap pins)
        {
            string offered = PortNames.Tic + ", " + PortNames.P1 + ", " + PortNames.Rs485;
            if (pins.I2cSda != PinMap.None && pins.I2cScl != PinMap.None)
            {
                offered += ", " + PortNames.I2c;
            }

            if (pins.S0.Length > 0)
            {
                offered += ", " + PortNames.S0Prefix + "1" + (pins.S0.Length > 1 ? ".." + PortNames.S0Prefix + pins.S0.Length.ToString() : string.Empty);
            }

            return offered;
        }
    }
}
