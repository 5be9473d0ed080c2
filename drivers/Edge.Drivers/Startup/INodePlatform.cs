#nullable disable
using Edge.Core.Commands;
using Edge.Core.Platform;
using Edge.Core.Setup;

namespace Edge.Drivers.Startup
{
    /// <summary>
    /// What a board offers the start-up: its inputs, lines and outputs opened on given pins, the broker link, and the
    /// services every node uses. The device implements it over the nanoFramework adapters, the host tests with fakes,
    /// so that <see cref="NodeStartup"/>, which decides what is opened and how it is wired, runs in both. A method
    /// that cannot open what it is asked for throws; the start-up turns that into a failure it reports.
    /// </summary>
    public interface INodePlatform
    {
        /// <summary>UART <paramref name="comPort"/> (2 or 3) receiving on GPIO <paramref name="rxPin"/>, sending on
        /// <paramref name="txPin"/> (or <see cref="PinMap.None"/> for a receive-only line such as TIC), with the
        /// RS-485 transceiver's direction on <paramref name="directionPin"/> (or None). Its pins are routed to the
        /// UART here; the driver opens it with its own speed and framing.</summary>
        ISerialLink OpenSerialLine(int comPort, int rxPin, int txPin, int directionPin);

        /// <summary>A pulse input on GPIO <paramref name="pin"/> whose every edge (time and new level, from the pin's
        /// interrupt or event handler, no native debounce) feeds <paramref name="qualifier"/>, which counts the pulses;
        /// returns the input the driver reads (the qualifier itself on a board). The pin is pulled towards the idle
        /// level where it can be: up when pulses are low (an open collector pulling the line low), down otherwise.</summary>
        IPulseInput OpenPulseInput(int pin, PulseQualifier qualifier);

        /// <summary>A push-pull output on GPIO <paramref name="pin"/>, off when opened (a relay, the status LED, a
        /// data-request line).</summary>
        IDigitalOutput OpenOutput(int pin);

        /// <summary>The chip at 7-bit <paramref name="address"/> on I2C bus <paramref name="busId"/> (1 on the
        /// ESP32), its data and clock on GPIO <paramref name="dataPin"/> and <paramref name="clockPin"/>, routed to the
        /// bus on the first call; each chip of the bus is opened with the same pins.</summary>
        IRegisterBus OpenI2cDevice(int busId, int dataPin, int clockPin, int address);

        /// <summary>A push button on GPIO <paramref name="pin"/>, read by polling: an input with the pull-up on,
        /// active when pressed (the button pulling the line low, as the ESP32 boards' BOOT button does).</summary>
        IDigitalInput OpenInput(int pin);

        /// <summary>The MQTT link to the broker of <paramref name="setup"/> (its TLS files read from the store),
        /// holding at most the node's in-flight window of publishes.</summary>
        IMqttLink OpenBrokerLink(NodeSetup setup);

        /// <summary>The node's store, or null for none (the outbox then lives in RAM).</summary>
        IStore Store { get; }

        /// <summary>Monotonic and wall time.</summary>
        IClock Clock { get; }

        /// <summary>Where the node's log goes (the serial console on the device), or null.</summary>
        ILog Log { get; }

        /// <summary>Free memory and signal strength for health, or null.</summary>
        ISystemInfo SystemInfo { get; }

        /// <summary>What the reboot command calls, or null.</summary>
        INodeControl Control { get; }

        /// <summary>True while the node has a network address (Wi-Fi joined or Ethernet link up).</summary>
        bool NetworkUp { get; }
    }
}
