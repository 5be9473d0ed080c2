#nullable disable
using Edge.Core.Platform;
using nanoFramework.TestFramework;

namespace Edge.DeviceTests.Support
{
    /// <summary>
    /// The hardware-in-the-loop harness the Hil/ tests run against, seen through the Edge.Core seams the drivers use:
    /// the meter UART with its TX jumpered to its RX, a GPIO output wired to an S0 pulse input, the I2C bus with the
    /// harness's sensors, the node's store, and a broker link. Wiring per board: hardware/test-harness.md.
    /// <see cref="Current"/> is set by whoever detected a harness (on the host, the adapter installs a simulated one);
    /// null means none, and every Hil test skips saying so.
    /// </summary>
    public abstract class LoopbackHarness
    {
        /// <summary>What a Hil test reports when no harness was detected.</summary>
        public const string NoHarness = "no loopback harness: strap pin not tied to GND or no provider installed, see hardware/test-harness.md";

        /// <summary>The harness detected, or null when there is none.</summary>
        public static LoopbackHarness Current;

#if EDGE_BOARD_HARNESS
        private static bool _detected;
#endif

        /// <summary>The harness, or the test skips with <see cref="NoHarness"/> (the only reason a Hil test skips).
        /// In the board build (EDGE_BOARD_HARNESS, Edge.DeviceTests.nfproj) the first call looks for the board's
        /// harness (firmware/Edge.Firmware/Hil/BoardHarness.cs): the launcher has no hook that runs before the tests.</summary>
        public static LoopbackHarness Require()
        {
#if EDGE_BOARD_HARNESS
            if (!_detected)
            {
                _detected = true;
                Current = Edge.Firmware.Hil.BoardHarness.Detect();
            }
#endif
            LoopbackHarness harness = Current;
            if (harness == null)
            {
                Assert.SkipTest(NoHarness);
            }

            return harness;
        }

        /// <summary>Where the tests run ("simulated", or the board profile's name), for the test output.</summary>
        public abstract string Name { get; }

        /// <summary>Monotonic time in ms, the clock of <see cref="Pause"/> and of the pulse input's edges.</summary>
        public abstract long MonotonicMs { get; }

        /// <summary>Lets <paramref name="ms"/> milliseconds pass (on a board, the thread sleeps).</summary>
        public abstract void Pause(int ms);

        /// <summary>The meter UART, TX jumpered to RX: what is written comes back.</summary>
        public abstract ISerialLink MeterUart { get; }

        /// <summary>The output wired to <see cref="PulseInput"/>: on closes the S0 contact.</summary>
        public abstract IDigitalOutput PulseOutput { get; }

        /// <summary>The S0 input (a <see cref="PulseQualifier"/>), counting the closures of <see cref="PulseOutput"/> that
        /// last at least <see cref="MinPulseMs"/>, contact bounce bridged.</summary>
        public abstract IPulseInput PulseInput { get; }

        /// <summary>The shortest pulse the pulse input counts (its qualifier's minimum width).</summary>
        public abstract int MinPulseMs { get; }

        /// <summary>The device at a 7-bit I2C address of the harness's bus (a device that may not answer).</summary>
        public abstract IRegisterBus OpenI2c(int address);

        /// <summary>The 7-bit addresses of the sensors fitted on the harness, ascending.</summary>
        public abstract int[] I2cAddresses { get; }

        /// <summary>The node's store, as the application opens it.</summary>
        public abstract IStore Store { get; }

        /// <summary>Restarts the store as a reboot does (every handle and cache dropped, reopened from flash) and
        /// returns the new <see cref="Store"/>.</summary>
        public abstract IStore RebootStore();

        /// <summary>The link to the harness's broker, disconnected.</summary>
        public abstract IMqttLink Broker { get; }

        /// <summary>How to connect to the harness's broker.</summary>
        public abstract MqttConnectOptions BrokerOptions { get; }

        /// <summary>A topic the tests may publish and subscribe to on that broker.</summary>
        public abstract string BrokerTopic { get; }
    }
}
