using System;
using System.Collections.Generic;
using System.Device.Gpio;

namespace Edge.Tests.Gateway
{
    /// <summary>
    /// A .NET IoT GPIO driver with no chip behind it: lines a test drives (<see cref="Drive"/>, which raises the
    /// controller's edge callbacks as libgpiod's event thread does), outputs it records, lines it refuses as a
    /// line in use or without permission does.
    /// </summary>
    internal sealed class SimulatedGpioDriver : GpioDriver
    {
        private readonly Dictionary<int, PinValue> _levels = new();
        private readonly Dictionary<int, List<(PinEventTypes Types, PinChangeEventHandler Handler)>> _callbacks = new();

        /// <summary>Lines whose opening throws, with the exception it throws.</summary>
        public Dictionary<int, Exception> Refused { get; } = new();

        /// <summary>The mode of each open line.</summary>
        public Dictionary<int, PinMode> Modes { get; } = new();

        /// <summary>Every write, in order: (line, level).</summary>
        public List<(int Pin, PinValue Value)> Writes { get; } = new();

        /// <summary>Lines closed.</summary>
        public List<int> Closed { get; } = new();

        protected override int PinCount => 54;

        /// <summary>Sets a line's level, raising the edge callbacks registered for that change.</summary>
        public void Drive(int pin, PinValue value)
        {
            PinValue before = _levels.TryGetValue(pin, out PinValue level) ? level : PinValue.High;
            _levels[pin] = value;
            if (before == value || !_callbacks.TryGetValue(pin, out var handlers))
            {
                return;
            }

            PinEventTypes change = value == PinValue.Low ? PinEventTypes.Falling : PinEventTypes.Rising;
            foreach ((PinEventTypes types, PinChangeEventHandler handler) in handlers.ToArray())
            {
                if ((types & change) != 0)
                {
                    handler(this, new PinValueChangedEventArgs(change, pin));
                }
            }
        }

        /// <summary>A pulse: the line pulled low, then released.</summary>
        public void Pulse(int pin)
        {
            Drive(pin, PinValue.Low);
            Drive(pin, PinValue.High);
        }

        protected override void OpenPin(int pinNumber)
        {
            if (Refused.TryGetValue(pinNumber, out Exception? refusal))
            {
                throw refusal;
            }
        }

        protected override void ClosePin(int pinNumber)
        {
            Closed.Add(pinNumber);
            Modes.Remove(pinNumber);
        }

        protected override void SetPinMode(int pinNumber, PinMode mode)
        {
            Modes[pinNumber] = mode;
            if (mode is PinMode.InputPullUp or PinMode.Input && !_levels.ContainsKey(pinNumber))
            {
                _levels[pinNumber] = PinValue.High;
            }
        }

        protected override PinMode GetPinMode(int pinNumber) => Modes[pinNumber];

        protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

        protected override PinValue Read(int pinNumber) => _levels.TryGetValue(pinNumber, out PinValue level) ? level : PinValue.Low;

        protected override void Write(int pinNumber, PinValue value)
        {
            Writes.Add((pinNumber, value));
            _levels[pinNumber] = value;
        }

        protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, System.Threading.CancellationToken cancellationToken) =>
            throw new NotSupportedException("the adapters take edges by callback");

        protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
        {
            if (!_callbacks.TryGetValue(pinNumber, out var handlers))
            {
                _callbacks[pinNumber] = handlers = new();
            }

            handlers.Add((eventTypes, callback));
        }

        protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
            _callbacks.GetValueOrDefault(pinNumber)?.RemoveAll(h => h.Handler == callback);
    }
}
