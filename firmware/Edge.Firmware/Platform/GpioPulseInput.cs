using System;
using System.Device.Gpio;
using Edge.Core.Platform;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="IPulseInput"/> on a GPIO pin: nanoFramework debounces the pin natively (GpioPin.DebounceTimeout)
    /// and raises ValueChanged from its event thread, where the edge is counted, so no pulse is lost between polls.
    /// An S0 output (IEC 62053-31) is an open collector that pulls the line low for each pulse: with the pin pulled
    /// up, the falling edge is the pulse.
    /// </summary>
    public sealed class GpioPulseInput : IPulseInput
    {
        private readonly IClock _clock;
        private readonly PinEventTypes _countedEdge;
        private readonly object _gate = new object();
        private readonly GpioPin _pin;
        private int _count;
        private long _lastEdgeMs = -1;

        /// <summary>Opens GPIO <paramref name="pinNumber"/> as an input (with the internal pull-up when
        /// <paramref name="pullUp"/>), filtering changes shorter than <paramref name="debounceMs"/>, and counts its
        /// falling edges (or rising ones when <paramref name="countRising"/>).</summary>
        public GpioPulseInput(GpioController controller, int pinNumber, bool pullUp, int debounceMs, bool countRising, IClock clock)
        {
            _clock = clock;
            _countedEdge = countRising ? PinEventTypes.Rising : PinEventTypes.Falling;
            _pin = controller.OpenPin(pinNumber, pullUp ? PinMode.InputPullUp : PinMode.Input);
            _pin.DebounceTimeout = TimeSpan.FromMilliseconds(debounceMs);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>Counted edges since start; wraps at int overflow (IPulseInput: compare with unchecked subtraction).</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        /// <summary>Monotonic time of the last counted edge, -1 before the first.</summary>
        public long LastEdgeMs
        {
            get
            {
                // A long is two words on the 32-bit ESP32: read it under the lock the event thread writes it under.
                lock (_gate)
                {
                    return _lastEdgeMs;
                }
            }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType != _countedEdge)
            {
                return;
            }

            long now = _clock.MonotonicMs;
            lock (_gate)
            {
                _count = unchecked(_count + 1);
                _lastEdgeMs = now;
            }
        }
    }
}
