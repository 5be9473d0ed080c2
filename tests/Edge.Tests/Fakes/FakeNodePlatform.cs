using System;
using System.Collections.Generic;
using Edge.Core.Commands;
using Edge.Core.Platform;
using Edge.Core.Setup;
using Edge.Drivers.Startup;

namespace Edge.Tests.Fakes
{
    /// <summary>
    /// A board for the start-up: records every line, input and output opened (with its pins, in order), hands out
    /// the lines and inputs a test gives it (a replayed capture, a virtual S0 meter), and refuses the pins a test
    /// names, as a device refuses a pin already in use.
    /// </summary>
    internal sealed class FakeNodePlatform : INodePlatform
    {
        private readonly Dictionary<int, IPulseInput> _pulseInputs = new();

        public FakeNodePlatform(IClock clock, IMqttLink link)
        {
            Clock = clock;
            Link = link;
        }

        public IMqttLink Link { get; }

        /// <summary>What was opened, in order: "COM2 rx=35 tx=-1 de=-1", "pulse 32 min=30 bounce=10 falling", "output 23".</summary>
        public List<string> Opened { get; } = new();

        /// <summary>The outputs opened, by pin.</summary>
        public Dictionary<int, FakeOutput> Outputs { get; } = new();

        /// <summary>The line every serial port opened reads (a new empty one when null).</summary>
        public ISerialLink? Line { get; set; }

        /// <summary>GPIO numbers whose opening throws, as a pin in use does on the device.</summary>
        public HashSet<int> RefusedPins { get; } = new();

        /// <summary>When set, every serial line asked for comes back null: a platform without that UART.</summary>
        public bool NoSerialLines { get; set; }

        /// <summary>The setup the broker link was opened for, or null.</summary>
        public NodeSetup? BrokerSetup { get; private set; }

        public IStore? Store { get; set; }

        public IClock Clock { get; }

        public ILog? Log { get; set; }

        public ISystemInfo? SystemInfo { get; set; }

        public INodeControl? Control { get; set; }

        public bool NetworkUp { get; set; } = true;

        /// <summary>Serves <paramref name="input"/> for GPIO <paramref name="pin"/> (else a new FakePulseInput).</summary>
        public void PulseInputOn(int pin, IPulseInput input) => _pulseInputs[pin] = input;

        public ISerialLink OpenSerialLine(int comPort, int rxPin, int txPin, int directionPin)
        {
            Refuse(rxPin);
            Opened.Add($"COM{comPort} rx={rxPin} tx={txPin} de={directionPin}");
            return NoSerialLines ? null! : Line ??= new Edge.Host.Replay.CaptureLine();
        }

        /// <summary>The qualifier each pulse input was opened with, by pin: feed it edges as the pin's interrupt would.</summary>
        public Dictionary<int, PulseQualifier> Qualifiers { get; } = new();

        public IPulseInput OpenPulseInput(int pin, PulseQualifier qualifier)
        {
            Refuse(pin);
            Opened.Add($"pulse {pin} min={qualifier.MinWidthMs} bounce={qualifier.MaxBounceMs} {(qualifier.ActiveHigh ? "rising" : "falling")}");
            Qualifiers[pin] = qualifier;
            return _pulseInputs.TryGetValue(pin, out IPulseInput? input) ? input : _pulseInputs[pin] = qualifier;
        }

        public IDigitalOutput OpenOutput(int pin)
        {
            Refuse(pin);
            Opened.Add($"output {pin}");
            var output = new FakeOutput();
            Outputs[pin] = output;
            return output;
        }

        /// <summary>The buttons opened, by pin: a test presses one by setting its IsActive.</summary>
        public Dictionary<int, FakeButton> Buttons { get; } = new();

        public IDigitalInput OpenInput(int pin)
        {
            Refuse(pin);
            Opened.Add($"input {pin}");
            var button = new FakeButton();
            Buttons[pin] = button;
            return button;
        }

        /// <summary>The chips on the I2C bus, by address: an address without one answers nothing.</summary>
        public Dictionary<int, IRegisterBus> I2cChips { get; } = new();

        public IRegisterBus OpenI2cDevice(int busId, int dataPin, int clockPin, int address)
        {
            Refuse(dataPin);
            Refuse(clockPin);
            Opened.Add($"i2c{busId} sda={dataPin} scl={clockPin} address={address}");
            return I2cChips.TryGetValue(address, out IRegisterBus? chip) ? chip : new NoChip();
        }

        public IMqttLink OpenBrokerLink(NodeSetup setup)
        {
            BrokerSetup = setup;
            return Link;
        }

        private void Refuse(int pin)
        {
            if (RefusedPins.Contains(pin))
            {
                throw new InvalidOperationException($"GPIO{pin} is already in use");
            }
        }
    }

    /// <summary>A relay or LED output that remembers each switch, with the time the test gives.</summary>
    internal sealed class FakeOutput : IDigitalOutput
    {
        public bool IsOn { get; private set; }

        public int Switches { get; private set; }

        public void Set(bool on)
        {
            Switches += on != IsOn ? 1 : 0;
            IsOn = on;
        }
    }

    /// <summary>An I2C address no chip acknowledges.</summary>
    internal sealed class NoChip : IRegisterBus
    {
        public bool Read(byte[] data) => false;

        public bool Write(byte[] data) => false;

        public bool WriteRead(byte[] write, byte[] read) => false;
    }

    /// <summary>A push button a test presses and releases.</summary>
    internal sealed class FakeButton : IDigitalInput
    {
        public bool IsActive { get; set; }
    }
}
