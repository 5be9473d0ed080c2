#nullable disable
using System;
using System.Collections;
using Edge.Core.Meters.Buses;
using Edge.Core.Platform;

namespace Edge.Core.Meters
{
    /// <summary>
    /// The inputs, lines and buses a platform offers, under the names the configuration uses for them ("s0-1",
    /// "uart1"...), so that a driver is built from a <see cref="MeterSpec"/> without knowing the platform.
    /// </summary>
    public sealed class MeterPorts
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _ports = new ArrayList();

        /// <summary>The name under which <see cref="AddStore"/> declares the node's store.</summary>
        public const string StoreName = "store";

        /// <summary>The node's store, under <see cref="StoreName"/>, for drivers that keep a register through reboots
        /// (the S0 pulse count); returns the ports, for chaining.</summary>
        public MeterPorts AddStore(IStore store)
        {
            return Add(StoreName, store);
        }

        /// <summary>The node's store, or null when the node has none.</summary>
        public IStore Store()
        {
            return Find(StoreName) as IStore;
        }

        /// <summary>A pulse input (an S0 output, a reed contact), under <paramref name="name"/>; returns the ports, for
        /// chaining. A name may be declared only once.</summary>
        public MeterPorts AddPulseInput(string name, IPulseInput input)
        {
            return Add(name, input);
        }

        /// <summary>A UART that one driver reads on its own (a TIC output), under <paramref name="name"/>; returns the
        /// ports, for chaining. A name may be declared only once.</summary>
        public MeterPorts AddSerialLink(string name, ISerialLink link)
        {
            return Add(name, link);
        }

        /// <summary>An RS-485 line several meters share, each at its own slave address.</summary>
        public MeterPorts AddRs485Line(string name, Rs485Line line)
        {
            return Add(name, line);
        }

        /// <summary>An I2C bus several chips share, each at its own address.</summary>
        public MeterPorts AddI2cBus(string name, I2cBus bus)
        {
            return Add(name, bus);
        }

        /// <summary>An output a driver switches for its meter (the Data Request line of a P1 port, "p1-request"), under
        /// <paramref name="name"/>; returns the ports, for chaining. A name may be declared only once.</summary>
        public MeterPorts AddDigitalOutput(string name, IDigitalOutput output)
        {
            return Add(name, output);
        }

        /// <summary>The digital output of that name, or null if there is none (or the port is of another kind).</summary>
        public IDigitalOutput DigitalOutput(string name)
        {
            return Find(name) as IDigitalOutput;
        }

        /// <summary>The RS-485 line of that name, or null if there is none (or the port is of another kind).</summary>
        public Rs485Line Rs485(string name)
        {
            return Find(name) as Rs485Line;
        }

        /// <summary>The I2C bus of that name, or null if there is none (or the port is of another kind).</summary>
        public I2cBus I2c(string name)
        {
            return Find(name) as I2cBus;
        }

        /// <summary>The pulse input of that name, or null if there is none (or the port is of another kind).</summary>
        public IPulseInput PulseInput(string name)
        {
            return Find(name) as IPulseInput;
        }

        /// <summary>The serial line of that name, or null if there is none (or the port is of another kind).</summary>
        public ISerialLink SerialLink(string name)
        {
            return Find(name) as ISerialLink;
        }

        private MeterPorts Add(string name, object port)
        {
            if (name == null || name.Length == 0)
            {
                throw new ArgumentException("a port needs a name", "name");
            }

            if (port == null)
            {
                throw new ArgumentNullException("port");
            }

            if (Find(name) != null)
            {
                throw new ArgumentException("port '" + name + "' is declared twice", "name");
            }

            _names.Add(name);
            _ports.Add(port);
            return this;
        }

        private object Find(string name)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == name)
                {
                    return _ports[i];
                }
            }

            return null;
        }
    }
}
