#nullable disable
using System;
using Edge.Core.Setup;

namespace Edge.Drivers.Startup
{
    /// <summary>
    /// Which use each ESP32 GPIO was given, and the adapter opened on it, for a platform that opens each pin once:
    /// a pin asked again for the same use gets its adapter back (a start on the last good configuration after a
    /// refused one), a pin asked for another use is refused with the use it has.
    /// </summary>
    public sealed class PinClaims
    {
        /// <summary>GPIO numbers of the ESP32 run from 0 to 39 (ESP32 datasheet, section 2.2 "Pin Description").</summary>
        public const int GpioCount = 40;

        /// <summary>GPIO34 to GPIO39 are input-only and have no internal pull-up or pull-down (ESP32 datasheet,
        /// section 4.1.1): no output there, and an input there relies on the interface's own resistor.</summary>
        public const int FirstInputOnlyGpio = 34;

        private readonly string[] _uses = new string[GpioCount];
        private readonly object[] _adapters = new object[GpioCount];

        /// <summary>Claims <paramref name="pin"/> for <paramref name="use"/> ("output", "UART RX"...) and returns the
        /// adapter kept for that use, or null when there is none yet (keep it with <see cref="Keep"/>). Nothing for
        /// <see cref="PinMap.None"/>. Throws when the pin does not exist or has another use.</summary>
        public object Claim(int pin, string use)
        {
            if (pin == PinMap.None)
            {
                return null;
            }

            if (pin < 0 || pin >= GpioCount)
            {
                throw new ArgumentOutOfRangeException("pin", "GPIO" + pin.ToString() + " does not exist on the ESP32 (0 to 39)");
            }

            if (_uses[pin] != null && _uses[pin] != use)
            {
                throw new InvalidOperationException("GPIO" + pin.ToString() + " is already the " + _uses[pin]);
            }

            _uses[pin] = use;
            return _adapters[pin];
        }

        /// <summary>The use <paramref name="pin"/> was claimed for, or null.</summary>
        public string UseOf(int pin)
        {
            return pin >= 0 && pin < GpioCount ? _uses[pin] : null;
        }

        /// <summary>Keeps the adapter opened on a claimed <paramref name="pin"/>, for the next claim of the same use.</summary>
        public void Keep(int pin, object adapter)
        {
            _adapters[pin] = adapter;
        }
    }
}
