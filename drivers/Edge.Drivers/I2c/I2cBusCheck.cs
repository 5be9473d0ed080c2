#nullable disable
using System;
using Edge.Core.Commissioning;
using Edge.Core.Meters.Buses;
using Edge.Core.Platform;

namespace Edge.Drivers.I2c
{
    /// <summary>
    /// The self-test line of a node's I2C bus: every address probed (<see cref="I2cBusScan"/>), each configured
    /// chip through its own channel and every other address through a device opened for the probe and closed after
    /// it, then one line: what answered, or which configured chips did not and what did instead.
    /// </summary>
    public sealed class I2cBusCheck : ISelfTest
    {
        private readonly I2cBus _bus;
        private readonly I2cBusScan.DeviceAt _open;

        /// <param name="bus">The node's bus, its chips attached.</param>
        /// <param name="open">Opens a device at any address of the bus (the platform's), or returns null.</param>
        public I2cBusCheck(I2cBus bus, I2cBusScan.DeviceAt open)
        {
            if (bus == null)
            {
                throw new ArgumentNullException("bus");
            }

            if (open == null)
            {
                throw new ArgumentNullException("open");
            }

            _bus = bus;
            _open = open;
        }

        /// <summary>Scans the bus and adds its line.</summary>
        public void SelfTest(SelfTestReport report, long monotonicMs)
        {
            // Made for each run and dropped after it: the scan's table is wanted for a few seconds at commissioning,
            // not for the life of the node.
            I2cBusScan scan = new I2cBusScan();
            for (int address = I2cBus.FirstAddress; address <= I2cBus.LastAddress; address++)
            {
                IRegisterBus configured = _bus.Channel(address);
                if (configured != null)
                {
                    scan.Probe(address, configured);
                    continue;
                }

                IRegisterBus device = null;
                try
                {
                    device = _open(address);
                    scan.Probe(address, device);
                }
                catch (Exception)
                {
                    // A device the platform cannot open at this address is an address that did not answer.
                    scan.Probe(address, null);
                }
                finally
                {
                    IDisposable disposable = device as IDisposable;
                    if (disposable != null)
                    {
                        disposable.Dispose();
                    }
                }
            }

            int[] expected = new int[_bus.ChannelCount];
            for (int i = 0; i < expected.Length; i++)
            {
                expected[i] = _bus.ChannelAt(i).Address;
            }

            scan.Report(report, expected);
        }
    }
}
